package dev.hangar.cli;

import dev.hangar.JarPluginInfo;
import dev.hangar.PluginHost;
import dev.hangar.PluginInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin ls}: every discovered socket plugin, activated to show its capabilities,
 * then every JAR plugin (kind {@code jar}), loaded to show its attributes.
 */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
    description = "List every discovered plugin (socket and JAR) with its address, capabilities "
        + "and state.")
final class PluginLsCommand implements Callable<Integer> {
  enum Format { table, json }

  @ParentCommand PluginCommand parent;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (default table).")
  Format format;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    try (PluginHost host = HostFactory.open(top)) {
      List<PluginInfo> plugins = host.list();
      List<JarPluginInfo> jars = host.jarPlugins();
      if (format == Format.json) {
        PluginJson.write(top.context().out(), PluginJson.array(plugins, jars));
      } else {
        PluginTable.write(top.context().out(), plugins, jars);
      }
    }
    return 0;
  }
}
