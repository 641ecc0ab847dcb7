package dev.hangar.cli;

import dev.hangar.PluginHost;
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
 * shown). {@code TYPE/NAME} names a JAR plugin by type and name; {@code --kind} keeps one kind.
 * When NAME matches plugins of several kinds (or JAR plugins of several types), nothing is shown:
 * the command fails with a usage error (exit 2) listing each match and how to pick one. No match
 * at all is PLUGIN_NOT_FOUND (exit 1), naming the directories searched.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Show one plugin (socket, JAR or exec) as a JSON object, with the file it was "
        + "found through.",
        "NAME may be TYPE/NAME for a JAR plugin. When NAME matches plugins of several kinds, the "
            + "command lists them and fails (exit 2): pick one with --kind or TYPE/NAME."})
final class PluginInspectCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Parameters(index = "0", paramLabel = "NAME",
      description = "The plugin's name, or TYPE/NAME for a JAR plugin.")
  String name;

  @Option(names = "--kind", paramLabel = "KIND",
      description = "Only this kind: ${COMPLETION-CANDIDATES}.")
  PluginLookup.Kind kind;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    PluginLookup.Target target = PluginLookup.Target.parse(name, kind);
    try (PluginHost host = HostFactory.open(top)) {
      List<PluginLookup.Match> matches = new PluginLookup(host, kind).find(target);
      if (matches.size() > 1) {
        throw PluginLookup.ambiguous(name, matches);
      }
      PluginJson.write(top.context().out(), matches.get(0).json().get());
    }
    return 0;
  }
}
