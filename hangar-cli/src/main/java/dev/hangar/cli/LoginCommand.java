package dev.hangar.cli;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Credentials;
import dev.hangar.registry.RegistryClient;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar login [-u USER] [-p PASS | --password-stdin] [SERVER]}: as {@code docker login}
 * (28.2), checks the credentials against the registry ({@code GET /v2/}, through its bearer
 * token flow when it has one) and saves them in the user's Docker config (or its
 * {@code credsStore}/{@code credHelpers} helper), where {@code docker} and Hangar's registry
 * commands find them. The registry is contacted by this process, not through the daemon.
 * Without a terminal, the user and the password must be given: nothing is prompted.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = "Log in to a registry (default: Docker Hub), saving the credentials in "
        + "Docker's config file ($DOCKER_CONFIG/config.json, else ~/.docker/config.json) or its "
        + "credential helper.")
final class LoginCommand implements Callable<Integer> {
  @ParentCommand HangarCommand top;

  @Mixin RegistryFlags registries = new RegistryFlags();

  @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "The user name.")
  String username = "";

  @Option(names = {"-p", "--password"}, paramLabel = "PASS",
      description = "The password or token, or - to read it from standard input "
          + "(insecure on the command line: prefer --password-stdin).")
  String password = "";

  @Option(names = "--password-stdin",
      description = "Read the password or token from standard input.")
  boolean passwordStdin;

  @Parameters(arity = "0..1", paramLabel = "SERVER",
      description = "The registry, host[:port] (default: Docker Hub).")
  String server;

  @Override
  public Integer call() {
    CliContext ctx = top.context();
    if (password.equals("-")) {
      password = "";
      passwordStdin = true;
    } else if (passwordStdin && !password.isEmpty()) {
      throw usage("conflicting options: cannot specify both --password and --password-stdin");
    }
    if (passwordStdin && username.isEmpty()) {
      throw usage("the --password-stdin option requires --username to be set");
    }
    if (!password.isEmpty()) {
      ctx.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
    }
    if (passwordStdin) {
      password = readStdin(ctx);
      if (password.isBlank()) {
        throw usage("password is empty");
      }
    }
    LoginServer target = LoginServer.of(server);
    if (username.isEmpty() || password.isEmpty()) {
      prompt(ctx);
    }
    Credentials creds = new Credentials.Basic(username, password);
    try (RegistryClient registry = registries.client(
        CredentialSource.of(target.registry(), creds))) {
      registry.checkCredentials(target.registry());
    }
    UserDockerConfig.of(ctx).store(target.registry(), creds);
    ctx.out().println("Login Succeeded");
    return 0;
  }

  private void prompt(CliContext ctx) {
    Console console = System.console();
    if (!Terminals.input(ctx) || console == null) {
      throw usage("cannot perform an interactive login from a non TTY device: pass "
          + "--username and --password-stdin (or --password)");
    }
    if (username.isEmpty()) {
      String u = console.readLine("Username: ");
      username = u == null ? "" : u.strip();
      if (username.isEmpty()) {
        throw usage("username is empty");
      }
    }
    if (password.isEmpty()) {
      char[] p = console.readPassword("Password: ");
      password = p == null ? "" : new String(p);
      if (password.isEmpty()) {
        throw usage("password is empty");
      }
    }
  }

  /** All of standard input without one trailing newline ({@code \n}, then {@code \r}). */
  private static String readStdin(CliContext ctx) {
    try {
      String s = new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8);
      if (s.endsWith("\n")) {
        s = s.substring(0, s.length() - 1);
      }
      if (s.endsWith("\r")) {
        s = s.substring(0, s.length() - 1);
      }
      return s;
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot read the password from standard "
          + "input: " + e.getMessage(), e);
    }
  }

  private static HangarException usage(String message) {
    return new HangarException(ErrorCode.USAGE, message);
  }
}
