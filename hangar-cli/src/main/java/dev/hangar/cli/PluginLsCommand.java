package dev.hangar.cli;

import dev.hangar.JarPluginInfo;
import dev.hangar.PluginHost;
import dev.hangar.PluginInfo;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
  public Integer call() throws InterruptedException {
    HangarCommand top = parent.top;
    try (DaemonLink daemon = DaemonLink.of(top)) {
      // The daemon's list is asked for while the local plugins are found: the two overlap
      // (connecting to a unix socket alone costs a cold JVM 10 ms and more of set-up).
      FutureTask<List<ManagedEntry>> managed = new FutureTask<>(
          () -> daemon.ifReachable(ManagedEntry::list).orElse(List.of()));
      Thread asking = new Thread(managed, "hangar-ls-daemon");
      asking.setDaemon(true);
      asking.start();
      List<PluginInfo> plugins;
      List<JarPluginInfo> jars;
      try (PluginHost host = HostFactory.open(top)) {
        plugins = host.list();
        jars = host.jarPlugins();
      } catch (RuntimeException e) {
        managed(managed); // the daemon's error first, as when it was asked first
        throw e;
      }
      List<ManagedEntry> m = managed(managed);
      if (format == Format.json) {
        PluginJson.write(top.context().out(), PluginJson.array(plugins, jars, m));
      } else {
        PluginTable.write(top.context().out(), plugins, jars, m);
      }
    }
    return 0;
  }

  /** The daemon's list, or what it threw. */
  private static List<ManagedEntry> managed(FutureTask<List<ManagedEntry>> f)
      throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
