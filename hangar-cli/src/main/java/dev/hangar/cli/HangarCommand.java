package dev.hangar.cli;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ScopeType;

/** {@code hangar}: the top command, holding the global options every subcommand inherits. */
@Command(
    name = "hangar",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A plugin host for the JVM: Docker-style socket plugins, JAR plugins, "
        + "core0-style exec plugins, and managed plugins run by 'hangar daemon'.",
    subcommands = {PluginCommand.class, GetCommand.class, DaemonCommand.class, EventsCommand.class,
        LoginCommand.class, LogoutCommand.class, CommandLine.HelpCommand.class},
    usageHelpAutoWidth = true)
final class HangarCommand implements Runnable {

  @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Hangar's root (default: $HANGAR_ROOT, else $XDG_DATA_HOME/hangar, "
          + "else ~/.local/share/hangar).")
  Path root;

  @Option(names = "--socket-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "A directory of plugin sockets (repeatable; default <root>/sockets).")
  List<Path> socketDirs = new ArrayList<>();

  @Option(names = "--spec-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "A directory of .spec and .json files (repeatable; default <root>/specs).")
  List<Path> specDirs = new ArrayList<>();

  @Option(names = "--plugin-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "A directory of JAR plugins, <vendor>-<type>-plugin-<name>.jar "
          + "(repeatable; default <root>/plugins).")
  List<Path> pluginDirs = new ArrayList<>();

  @Option(names = "--exec-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "A directory of exec plugin declarations, *.plugin.toml "
          + "(repeatable; default <root>/exec).")
  List<Path> execDirs = new ArrayList<>();

  @Option(names = "--exec-process-groups", scope = ScopeType.INHERIT,
      description = "Start each exec plugin run in its own process group (through setsid) and "
          + "terminate it as a group: also reaches children that detached from the run's output, "
          + "at the cost of one more exec per call. A declaration can ask for it per plugin: "
          + "process_group = true.")
  boolean execProcessGroups;

  @Option(names = "--init-timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
      converter = DurationConverter.Positive.class,
      description = "Limit of one JAR plugin's init (default 10s).")
  Duration initTimeout;

  @Option(names = "--docker-dirs", scope = ScopeType.INHERIT,
      description = "Also search Docker's dirs: /run/docker/plugins, /etc/docker/plugins, "
          + "/usr/lib/docker/plugins.")
  boolean dockerDirs;

  @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
      converter = DurationConverter.Positive.class,
      description = "Limit of one socket or JAR plugin call, e.g. 500ms, 30s, 2m (default 60s); "
          + "exec plugins use the timeout of their declaration.")
  Duration timeout;

  @Option(names = "--retry", paramLabel = "DURATION", scope = ScopeType.INHERIT,
      converter = DurationConverter.class,
      description = "How long to retry a missing or unreachable plugin (default 15s; "
          + "0 = no retry).")
  Duration retry;

  @Option(names = {"-H", "--host"}, paramLabel = "URI", scope = ScopeType.INHERIT,
      description = "The Hangar daemon to talk to, unix:///path or tcp://host:port (default "
          + "$HANGAR_HOST, else unix://<root>/hangar.sock). For 'hangar daemon': where to listen "
          + "(repeatable).")
  List<String> hosts = new ArrayList<>();

  @Option(names = "--tlsverify", scope = ScopeType.INHERIT,
      description = "TCP with mutual TLS: the client verifies the daemon's certificate (against "
          + "--tlscacert, else the system's CAs); the daemon requires client certificates "
          + "signed by --tlscacert.")
  boolean tlsVerify;

  @Option(names = "--tlscacert", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "PEM CA certificates to trust (with --tlsverify).")
  Path tlsCaCert;

  @Option(names = "--tlscert", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "PEM certificate to present (with --tlsverify).")
  Path tlsCert;

  @Option(names = "--tlskey", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "PEM private key of --tlscert (with --tlsverify).")
  Path tlsKey;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print stack traces with errors, and every log record (exec plugins' "
          + "messages of every level); by default only warnings and errors are shown.")
  boolean debug;

  private final CliContext context;

  HangarCommand(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing a command; try 'hangar --help'");
  }

  /** Builds the command line with Hangar's error handling and exit statuses. */
  static CommandLine commandLine(CliContext context) {
    HangarCommand top = new HangarCommand(context);
    CommandLine cl = new CommandLine(top);
    cl.setOut(new java.io.PrintWriter(context.out(), true));
    cl.setErr(new java.io.PrintWriter(context.err(), true));
    CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
    cl.setExecutionStrategy(parsed -> {
      try (CliLogging logging = CliLogging.install(context.err(), top.debug)) {
        return run.execute(parsed);
      }
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      context.err().println("Error: " + ex.getMessage());
      CommandLine failed = ex.getCommandLine();
      context.err().println("See '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      return ErrorCode.USAGE.exitStatus();
    });
    cl.setExecutionExceptionHandler((ex, failed, parseResult) -> failure(top, ex));
    return cl;
  }

  /**
   * Runs the command line: {@code hangar plugin ls} as {@link QuickArgs} parses it, every other
   * command through picocli.
   *
   * @return the exit status
   */
  static int execute(CliContext context, String[] args) {
    HangarCommand top = new HangarCommand(context);
    Optional<Callable<Integer>> quick = QuickArgs.parse(args, top);
    if (quick.isEmpty()) {
      return commandLine(context).execute(args);
    }
    try (CliLogging logging = CliLogging.install(context.err(), top.debug)) {
      return quick.get().call();
    } catch (Exception e) {
      return failure(top, e);
    }
  }

  /** What a command that threw prints, and its exit status (see docs/errors.md). */
  private static int failure(HangarCommand top, Exception ex) {
    PrintStream err = top.context().err();
    if (top.debug) {
      ex.printStackTrace(err);
    }
    if (ex instanceof HangarException h) {
      err.println("Error: " + h.getMessage());
      return h.code().exitStatus();
    }
    err.println("Error: internal error: " + ex
        + (top.debug ? "" : " (run with --debug for the stack trace)"));
    return ErrorCode.INTERNAL.exitStatus();
  }
}
