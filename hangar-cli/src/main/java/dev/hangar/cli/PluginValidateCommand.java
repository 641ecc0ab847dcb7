package dev.hangar.cli;

import dev.hangar.JarPluginInfo;
import dev.hangar.JarPluginState;
import dev.hangar.PluginHost;
import dev.hangar.PluginInfo;
import dev.hangar.PluginState;
import dev.hangar.exec.ExecDomain;
import dev.hangar.protocol.ErrorCode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin validate}: the counterpart of Dragonfly's {@code dfget plugin}. Loads every
 * JAR of the plugin directories and prints one line per JAR (see {@link JarLines}), then the exec
 * plugin declarations when there are any (see {@link #reportExec}). Exits 1 when any JAR or
 * declaration was refused.
 *
 * <p>With {@code --watch} it then keeps running and prints what each change of the plugin
 * directories did (see {@link ValidateWatch}) until SIGINT or SIGTERM, and exits 0.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Load every JAR plugin of the plugin dirs and report each: its attributes, or "
        + "why it was refused; then the exec plugins declared in the exec dirs, if any (exit "
        + "status 1 when any JAR or declaration was refused).",
        "With --watch, keep running and report every JAR loaded, reloaded, refused or removed "
            + "as the plugin dirs change, and every exec plugin declaration added, changed, "
            + "refused or removed as the exec dirs change, until interrupted (exit status 0)."})
final class PluginValidateCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Option(names = "--watch",
      description = "Keep watching the plugin and exec dirs and report each change, until "
          + "Ctrl-C or SIGTERM.")
  boolean watch;

  @Override
  public Integer call() throws InterruptedException {
    HangarCommand top = parent.top;
    if (watch) {
      return new ValidateWatch(top).run();
    }
    try (PluginHost host = HostFactory.builder(top).noInstalled().build()) {
      int jars = report(top.context().out(), host.pluginDirs(), host.jarPlugins());
      int execs = reportExec(top.context().out(), host);
      return Math.max(jars, execs);
    }
  }

  /**
   * Prints the exec plugins, when the exec dirs declare any or hold a problem (so a JAR-only
   * setup sees Dragonfly's output unchanged): {@code search exec plugins in <dir>}, then a line
   * per declaration (see {@link ExecLines}).
   *
   * @return 1 when a declaration was refused, else 0
   */
  static int reportExec(PrintStream out, PluginHost host) {
    List<PluginInfo> infos = host.execs().infos();
    if (infos.isEmpty()) {
      return 0;
    }
    for (Path d : host.execs().dirs()) {
      out.println("search exec plugins in " + d);
    }
    boolean refused = false;
    for (ExecDomain d : host.execs().list()) {
      out.println(ExecLines.accepted(d));
    }
    for (PluginInfo p : infos) {
      if (p.state() == PluginState.FAILED) {
        refused = true;
        out.println(ExecLines.refused(p));
      }
    }
    out.flush();
    return refused ? ErrorCode.EXEC_DECLARATION_INVALID.exitStatus() : 0;
  }

  /** Prints the dirs searched and every JAR; the exit status validate gives for them. */
  static int report(PrintStream out, List<Path> dirs, List<JarPluginInfo> jars) {
    for (Path d : dirs) {
      out.println("search plugins in " + d);
    }
    for (Path d : dirs) {
      if (Files.exists(d) && !Files.isDirectory(d)) {
        out.println("warning: " + d + " is not a directory");
      }
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
