package dev.hangar.cli;

import dev.hangar.PluginHost;
import dev.hangar.internal.discovery.PluginNames;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
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
    PluginLookup.Target target = target();
    try (PluginHost host = HostFactory.open(top)) {
      List<PluginLookup.Match> matches = new PluginLookup(host, kind).find(target);
      if (matches.size() > 1) {
        StringBuilder sb = new StringBuilder("plugin " + name + " is ambiguous: it names "
            + matches.size() + " plugins:");
        matches.forEach(m -> sb.append("\n  ").append(m.describe()));
        sb.append("\npick one with --kind (").append(PluginLookup.Kind.names())
            .append(") or, for a JAR plugin, TYPE/NAME");
        throw new HangarException(ErrorCode.USAGE, sb.toString());
      }
      PluginJson.write(top.context().out(), matches.get(0).json().get());
    }
    return 0;
  }

  private PluginLookup.Target target() {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return new PluginLookup.Target(null, name);
    }
    String type = name.substring(0, slash);
    String n = name.substring(slash + 1);
    if (!PluginNames.isValid(type) || !PluginNames.isValid(n)) {
      PluginNames.validate(name); // throws INVALID_PLUGIN_NAME naming the whole argument
    }
    if (kind != null && kind != PluginLookup.Kind.jar) {
      throw new HangarException(ErrorCode.USAGE, "TYPE/NAME (" + name
          + ") names a JAR plugin; it cannot be used with --kind " + kind);
    }
    return new PluginLookup.Target(type, n);
  }
}
