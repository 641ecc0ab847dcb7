package dev.hangar.cli;

import dev.hangar.PluginHost;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin inspect NAME}: one plugin, of any kind, as a JSON object with the keys of
 * {@code plugin ls --format json} plus {@code source} (and {@code warnings} for a JAR plugin).
 *
 * <p>NAME is looked up among every kind (a socket plugin is not activated unless it is the one
 * shown). A managed plugin of the daemon whose ID or name (with or without {@code :latest}) NAME
 * is comes first; one NAME designates only by ID prefix comes last, when no other plugin has
 * that name. {@code TYPE/NAME} names a JAR plugin by type and name, unless a managed plugin has
 * that name; {@code --kind} keeps one kind.
 * When NAME matches plugins of several kinds (or JAR plugins of several types), nothing is shown:
 * the command fails with a usage error (exit 2) listing each match and how to pick one. No match
 * at all is PLUGIN_NOT_FOUND (exit 1), naming the directories searched.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Show one plugin (socket, JAR, exec or managed) as a JSON object, with the "
        + "file (or daemon) it was found through.",
        "NAME may be TYPE/NAME for a JAR plugin. When NAME matches plugins of several kinds, the "
            + "command lists them and fails (exit 2): pick one with --kind or TYPE/NAME."})
final class PluginInspectCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Parameters(index = "0", paramLabel = "NAME",
      description = "The plugin's name, TYPE/NAME for a JAR plugin, or a managed plugin's "
          + "name (e.g. vieux/sshfs:latest), ID or ID prefix.")
  String name;

  @Option(names = "--kind", paramLabel = "KIND",
      description = "Only this kind: ${COMPLETION-CANDIDATES}.")
  PluginLookup.Kind kind;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    try (DaemonLink daemon = DaemonLink.of(top)) {
      ManagedMatch managed = kind == null || kind == PluginLookup.Kind.managed
          ? ManagedMatch.find(daemon, name) : ManagedMatch.NONE;
      if (kind == PluginLookup.Kind.managed || managed.exact()) {
        show(top, managed, name, daemon);
        return 0;
      }
      PluginLookup.Target target;
      List<PluginLookup.Match> matches;
      try {
        target = PluginLookup.Target.parse(name, kind);
        try (PluginHost host = HostFactory.open(top)) {
          matches = new PluginLookup(host, kind).find(target);
          if (matches.size() > 1) {
            throw PluginLookup.ambiguous(name, matches);
          }
          PluginJson.write(top.context().out(), matches.get(0).json().get());
        }
      } catch (HangarException e) {
        boolean notOther = e instanceof PluginNotFoundException
            || e.code() == ErrorCode.INVALID_PLUGIN_NAME;
        if (!notOther || !managed.any()) {
          throw e;
        }
        show(top, managed, name, daemon); // only an ID prefix of a managed plugin
      }
    }
    return 0;
  }

  private static void show(HangarCommand top, ManagedMatch managed, String name,
      DaemonLink daemon) {
    ManagedEntry m = managed.require(name);
    PluginJson.write(top.context().out(),
        PluginJson.managedObject(m, managed.plugin().orElseThrow(), daemon.address().toString()));
  }
}
