package dev.hangar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.daemon.client.EngineClient;
import dev.hangar.managed.Privilege;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code hangar plugin upgrade [--grant-all-permissions] [--skip-remote-check] NAME [REF]}:
 * upgrades a disabled managed plugin to another image through the daemon, as {@code docker
 * plugin upgrade}: REF defaults to the plugin's {@code PluginReference}; another repository or
 * tag than the current one is confirmed on a terminal (else it needs
 * {@code --skip-remote-check}); the privileges are granted as {@code install} grants them; then
 * {@code POST /plugins/{name}/upgrade} (an enabled plugin is the daemon's 409).
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
    description = {"Upgrade a disabled managed plugin to another image (through the daemon), as "
        + "docker plugin upgrade; its settings are kept.",
        "REF defaults to the image it was installed from."})
final class PluginUpgradeCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Mixin RegistryFlags registries = new RegistryFlags();

  @Option(names = "--grant-all-permissions",
      description = "Grant every privilege the new image asks for, without asking.")
  boolean grantAll;

  @Option(names = "--skip-remote-check",
      description = "Do not ask when REF is another image than the plugin's.")
  boolean skipRemoteCheck;

  @Option(names = "--verify-key", paramLabel = "FILE",
      description = "Upgrade only to a manifest signed by this public key (PEM): the CLI "
          + "verifies the signature and the daemon pulls the digest verified.")
  java.nio.file.Path verifyKey;

  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name or ID.")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "REF",
      description = "The image to upgrade to (default: the plugin's PluginReference).")
  String remote;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    PrintStream out = top.context().out();
    try (DaemonLink daemon = DaemonLink.of(top)) {
      EngineClient client = daemon.client();
      JsonNode p = client.inspect(name);
      String local = p.path("Name").asText(name);
      String old = p.path("PluginReference").asText("");
      String to = remote != null ? remote : old;
      out.println("Upgrading plugin " + local + " from " + old + " to " + to);
      if (!skipRemoteCheck && !to.equals(old)) {
        if (!Terminals.input(top.context())) {
          throw new HangarException(ErrorCode.USAGE, "plugin upgrade has been cancelled: " + to
              + " is another image than " + old + "; pass --skip-remote-check");
        }
        if (!PluginInstallCommand.confirm(top.context(),
            "Plugin images do not match, are you sure?")) {
          throw new HangarException(ErrorCode.USAGE, "plugin upgrade has been cancelled");
        }
      }
      java.util.Optional<String> auth = RegistryAuths.forReference(top.context(), to);
      if (verifyKey != null) {
        VerifiedRemote v = VerifiedRemote.verify(top.context(), registries, to, null, verifyKey);
        out.println("Verified signature of " + to + " at " + v.signature().digest() + " by "
            + v.signature().key().name());
        to = v.remote();
      }
      List<Privilege> privileges = PluginInstallCommand.granted(top.context(),
          client.remotePrivileges(to, auth), to, grantAll, "upgrading");
      ProgressLines progress = new ProgressLines(out, Terminals.output(top.context()));
      client.upgrade(local, to, privileges, auth, progress::accept);
      out.println("Upgraded plugin " + local + " to " + to);
    }
    return 0;
  }
}
