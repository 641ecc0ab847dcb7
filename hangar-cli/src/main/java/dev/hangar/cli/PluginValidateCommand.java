package dev.hangar.cli;

import dev.hangar.JarPluginInfo;
import dev.hangar.JarPluginState;
import dev.hangar.PluginHost;
import dev.hangar.protocol.ErrorCode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin validate}: the counterpart of Dragonfly's {@code dfget plugin}. Loads every
 * JAR of the plugin directories and prints one line per JAR (see {@link JarLines}). Exits 1 when
 * any JAR was refused.
 *
 * <p>With {@code --watch} it then keeps running and prints what each change of the plugin
 * directories did (see {@link ValidateWatch}) until SIGINT or SIGTERM, and exits 0.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Load every JAR plugin of the plugin dirs and report each: its attributes, or "
        + "why it was refused (exit status 1 when any was).",
        "With --watch, keep running and report every JAR loaded, reloaded, refused or removed "
            + "as the plugin dirs change, until interrupted (exit status 0)."})
final class PluginValidateCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Option(names = "--watch",
      description = "Keep watching the plugin dirs and report each change, until Ctrl-C or "
          + "SIGTERM.")
  boolean watch;

  @Override
  public Integer call() throws InterruptedException {
    HangarCommand top = parent.top;
    if (watch) {
      return new ValidateWatch(top).run();
    }
    try (PluginHost host = HostFactory.open(top)) {
      return report(top.context().out(), host.pluginDirs(), host.jarPlugins());
    }
  }

  /** Prints the dirs searched and every JAR; the exit status validate gives for them. */
  static int report(PrintStream out, List<Path> dirs, List<JarPluginInfo> jars) {
    for (Path d : dirs) {
      out.println("search plugins in " + d);
    }
    boolean refused = false;
    for (JarPluginInfo j : jars) {
      refused |= j.state() == JarPluginState.FAILED;
      JarLines.print(out, "", j);
    }
    if (jars.isEmpty()) {
      out.println("no plugin JARs found");
    }
    out.flush();
    return refused ? ErrorCode.PLUGIN_LOAD_FAILED.exitStatus() : 0;
  }
}
