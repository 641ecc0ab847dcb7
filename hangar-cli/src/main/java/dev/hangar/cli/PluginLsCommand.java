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
 * then every JAR plugin (kind {@code jar}), loaded to show its attributes, then every managed
 * plugin (kind {@code managed}) of the daemon. At the default daemon address, no daemon means no
 * managed plugins; at an address given by {@code --host} or {@code $HANGAR_HOST}, it is an error.
 */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
    description = "List every discovered plugin (socket, JAR, exec) and the daemon's managed "
        + "plugins, with address, capabilities and state.")
final class PluginLsCommand implements Callable<Integer> {
  enum Format { table, json }

  @ParentCommand PluginCommand parent;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (default table).")
  Format format;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    try (DaemonLink daemon = DaemonLink.of(top); PluginHost host = HostFactory.open(top)) {
      List<ManagedEntry> managed = daemon.ifReachable(ManagedEntry::list).orElse(List.of());
      List<PluginInfo> plugins = host.list();
      List<JarPluginInfo> jars = host.jarPlugins();
      if (format == Format.json) {
        PluginJson.write(top.context().out(), PluginJson.array(plugins, jars, managed));
      } else {
        PluginTable.write(top.context().out(), plugins, jars, managed);
      }
    }
    return 0;
  }
}
