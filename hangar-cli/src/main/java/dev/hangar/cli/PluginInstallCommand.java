package dev.hangar.cli;

import dev.hangar.daemon.client.EngineClient;
import dev.hangar.daemon.client.ManagedStatus;
import dev.hangar.daemon.client.RemotePlugin;
import dev.hangar.managed.Privilege;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code hangar plugin install [--grant-all-permissions] [--disable] [--alias NAME] REF
 * [KEY=VALUE...]}: installs a plugin from a registry through the daemon, as {@code docker plugin
 * install}: the privileges it asks for ({@code GET /plugins/privileges}) are listed and asked for
 * ({@code y/N}) on a terminal; without a terminal and without {@code --grant-all-permissions}
 * the install is refused after the list (PRIVILEGES_NOT_GRANTED, exit 1). Then
 * {@code POST /plugins/pull} (its progress shown), {@code set} with the settings given, and
 * {@code enable} unless {@code --disable}; last {@code Installed plugin REF}. With
 * {@code --verify-key FILE} the CLI first verifies the manifest's signature itself
 * ({@link VerifiedRemote}) and everything after goes to {@code REF@sha256:<digest verified>},
 * named as the user asked.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = {"Install a managed plugin from a registry (through the daemon), as docker "
        + "plugin install.",
        "The privileges it asks for are shown and asked for on a terminal; without one, pass "
            + "--grant-all-permissions."})
final class PluginInstallCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Mixin RegistryFlags registries = new RegistryFlags();

  @Option(names = "--grant-all-permissions",
      description = "Grant every privilege the plugin asks for, without asking.")
  boolean grantAll;

  @Option(names = "--disable", description = "Do not enable the plugin once installed.")
  boolean disable;

  @Option(names = "--alias", paramLabel = "NAME", description = "The local name of the plugin.")
  String alias;

  @Option(names = "--verify-key", paramLabel = "FILE",
      description = "Install only a manifest signed by this public key (PEM, as cosign's): "
          + "the CLI verifies the signature and the daemon pulls the digest verified.")
  Path verifyKey;

  @Parameters(index = "0", paramLabel = "REF",
      description = "The plugin image, e.g. 127.0.0.1:5000/team/vol:1.0 or name@sha256:...")
  String remote;

  @Parameters(index = "1..*", paramLabel = "KEY=VALUE",
      description = "Settings, as plugin set takes them.")
  List<String> settings = new ArrayList<>();

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    PrintStream out = top.context().out();
    try (DaemonLink daemon = DaemonLink.of(top)) {
      EngineClient client = daemon.client();
      Optional<String> auth = RegistryAuths.forReference(top.context(), remote);
      String from = remote;
      String asked = alias == null ? "" : alias;
      if (verifyKey != null) {
        VerifiedRemote v = VerifiedRemote.verify(top.context(), registries, remote, alias,
            verifyKey);
        out.println("Verified signature of " + remote + " at " + v.signature().digest()
            + " by " + v.signature().key().name());
        from = v.remote();
        asked = v.name();
      }
      Optional<RemotePlugin> image = describe(client, from, asked, auth);
      Optional<String> installed = image.flatMap(r -> sameImage(client, r));
      if (installed.isPresent()) {
        out.println(installed.get());
        return 0;
      }
      List<Privilege> asks = image.isPresent() ? image.get().privileges()
          : client.remotePrivileges(from, auth);
      List<Privilege> privileges = granted(top.context(), asks, from, grantAll, "installing");
      ProgressLines progress = new ProgressLines(out, Terminals.output(top.context()));
      String name = client.pull(from, asked, privileges, auth, progress::accept);
      if (name.isEmpty()) {
        name = asked.isEmpty() ? remote : asked;
      }
      if (!settings.isEmpty()) {
        client.set(name, settings);
      }
      if (!disable) {
        client.enable(name, 0);
      }
    }
    out.println("Installed plugin " + remote);
    return 0;
  }

  /**
   * The image {@code from} names, as Hangar's daemon describes it (digest, stored name,
   * privileges: one manifest fetch for all three); empty from a daemon without the route.
   */
  private static Optional<RemotePlugin> describe(EngineClient client, String from,
      String asked, Optional<String> auth) {
    try {
      return Optional.of(client.remote(from, asked, auth));
    } catch (HangarException e) {
      if (e.code() == ErrorCode.PLUGIN_NOT_FOUND || e.code() == ErrorCode.NOT_IMPLEMENTED) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * What to say when the plugin this install would make is installed already from the same
   * manifest digest.
   */
  private Optional<String> sameImage(EngineClient client, RemotePlugin r) {
    for (ManagedStatus s : client.listManaged()) {
      if (s.name().equals(r.name()) && s.manifestDigest().equals(Optional.of(r.digest()))) {
        return Optional.of("Plugin " + r.name() + " is already installed from " + remote
            + " at " + r.digest() + ": nothing to do");
      }
    }
    return Optional.empty();
  }

  /**
   * The privileges {@code remote} asks for ({@code privileges}), granted: at once with {@code grantAll} or when there
   * are none, else listed and asked for on a terminal.
   *
   * @throws HangarException PRIVILEGES_NOT_GRANTED when declined, or with no terminal to ask on
   */
  static List<Privilege> granted(CliContext ctx, List<Privilege> privileges, String remote,
      boolean grantAll, String doing) {
    if (privileges.isEmpty() || grantAll) {
      return privileges;
    }
    PrintStream out = ctx.out();
    out.println("Plugin \"" + remote + "\" is requesting the following privileges:");
    for (Privilege p : privileges) {
      out.println(" - " + p.name() + ": [" + String.join(" ", p.value()) + "]");
    }
    if (!Terminals.input(ctx)) {
      throw new HangarException(ErrorCode.PRIVILEGES_NOT_GRANTED,
          "permission denied while " + doing + " plugin " + remote + ": no terminal to ask "
              + "on; pass --grant-all-permissions to grant the privileges above");
    }
    if (!confirm(ctx, "Do you grant the above permissions?")) {
      throw new HangarException(ErrorCode.PRIVILEGES_NOT_GRANTED,
          "permission denied while " + doing + " plugin " + remote);
    }
    return privileges;
  }

  /** Asks {@code question [y/N]} on the terminal. */
  static boolean confirm(CliContext ctx, String question) {
    ctx.out().print(question + " [y/N] ");
    ctx.out().flush();
    return yes(ctx);
  }

  private static boolean yes(CliContext ctx) {
    try {
      String line = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8))
          .readLine();
      String a = line == null ? "" : line.strip().toLowerCase(Locale.ROOT);
      return a.equals("y") || a.equals("yes");
    } catch (IOException e) {
      return false;
    }
  }
}
