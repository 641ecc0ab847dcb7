package dev.hangar.cli;

import dev.hangar.ExecReload;
import dev.hangar.ExecWatchListener;
import dev.hangar.JarPluginInfo;
import dev.hangar.JarPluginState;
import dev.hangar.JarReload;
import dev.hangar.JarWatchListener;
import dev.hangar.PluginHost;
import dev.hangar.PluginInfo;
import dev.hangar.exec.ExecDomain;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code plugin validate --watch}: prints the validation, then one line per change the host's
 * watcher reloads, until SIGINT or SIGTERM; then closes the host and exits 0.
 *
 * <p>Change lines (each flushed at once, so a pipe sees them as they happen):
 * <ul>
 *   <li>{@code loaded <type> plugin <name>, location: <file>, attribute: {...}}: a new JAR (or
 *       one refused before) now serves;
 *   <li>{@code reloaded <type> plugin <name>, location: ..., attribute: {...}}: a changed JAR
 *       replaced the one serving;
 *   <li>{@code refused plugin, location: <file>, error: <reason>}: a new or changed JAR was
 *       refused; {@code (the previous version keeps serving)} is appended when an older version
 *       of that file goes on serving;
 *   <li>{@code removed <type> plugin <name>, location: <file>} (or {@code removed plugin,
 *       location: <file>} for a JAR that was refused): the file is gone, its plugin unloaded;
 *   <li>{@code warning: <file>: <text>} after a loaded or reloaded plugin's line.
 * </ul>
 * And for the exec dirs: {@code loaded exec plugin ...} (a new or newly accepted declaration),
 * {@code reloaded exec plugin ...} (a changed one), {@code refused exec plugin ...} (a new or
 * changed refusal), {@code removed exec plugin <domain>, location: <file>} and
 * {@code removed refused exec plugin <name>, location: <file>}, in the forms of
 * {@link ExecLines}.
 *
 * <p>A reload that fails as a whole is reported on standard error as {@code Error: reloading the
 * plugin dirs failed: <reason>}, and watching goes on. A plugin dir missing at the start is
 * watched once it exists (a {@code warning:} line says so); so is an exec dir, silently (exec
 * dirs are optional).
 */
final class ValidateWatch implements JarWatchListener, ExecWatchListener {
  private final HangarCommand top;
  private final PrintStream out;
  private final CountDownLatch stop = new CountDownLatch(1);
  /** Opened once the first report is out, so changes never print before it. */
  private final CountDownLatch reported = new CountDownLatch(1);

  ValidateWatch(HangarCommand top) {
    this.top = top;
    this.out = top.context().out();
  }

  int run() throws InterruptedException {
    boolean signals = StopSignals.install(stop::countDown);
    try (PluginHost host = HostFactory.builder(top).noInstalled().watch(true)
        .jarWatchListener(this).execWatchListener(this).build()) {
      if (!signals) {
        // the JVM's default handling: at least unload the plugins on the way out
        Runtime.getRuntime().addShutdownHook(new Thread(host::close, "hangar-watch-close"));
      }
      synchronized (out) {
        PluginValidateCommand.report(out, host.pluginDirs(), host.jarPlugins());
        PluginValidateCommand.reportExec(out, host);
        for (Path d : host.pluginDirs()) {
          out.println(Files.isDirectory(d) ? "watching " + d
              : Files.exists(d) ? "warning: " + d + " is not a directory; watched once it is one"
              : "warning: " + d + " does not exist; watched once it does");
        }
        for (Path d : host.execs().dirs()) {
          if (Files.isDirectory(d)) {
            out.println("watching " + d);
          }
        }
        out.println(signals ? "(Ctrl-C or SIGTERM to stop)" : "(Ctrl-C to stop)");
        out.flush();
      }
      reported.countDown();
      stop.await();
    } finally {
      reported.countDown();
    }
    return 0;
  }

  @Override
  public void reloaded(JarReload r) {
    awaitReport();
    synchronized (out) {
      r.loaded().forEach(j -> JarLines.print(out, "loaded ", j));
      r.reloaded().forEach(j -> JarLines.print(out, "reloaded ", j));
      for (JarPluginInfo j : r.refused()) {
        boolean serving = r.plugins().stream()
            .anyMatch(p -> p.file().equals(j.file()) && p.state() == JarPluginState.LOADED);
        out.println(JarLines.refused(j) + (serving ? " (the previous version keeps serving)" : ""));
      }
      for (JarPluginInfo j : r.removed()) {
        out.println(j.state() == JarPluginState.FAILED
            ? "removed plugin, location: " + j.fileName()
            : "removed " + j.type() + " plugin " + j.name() + ", location: " + j.fileName());
      }
      out.flush();
    }
  }

  @Override
  public void reloaded(ExecReload r) {
    awaitReport();
    synchronized (out) {
      r.added().forEach(d -> out.println("loaded " + ExecLines.accepted(d)));
      r.changed().forEach(d -> out.println("reloaded " + ExecLines.accepted(d)));
      r.refused().forEach(p -> out.println(ExecLines.refused(p)));
      for (ExecDomain d : r.removed()) {
        out.println("removed exec plugin " + d.name() + ", location: " + d.source().getFileName());
      }
      for (PluginInfo p : r.resolved()) {
        if (r.added().stream().noneMatch(d -> d.name().equals(p.name()))) {
          out.println("removed refused exec plugin " + p.name() + ", location: "
              + p.source().getFileName());
        }
      }
      out.flush();
    }
  }

  @Override
  public void reloadFailed(RuntimeException error) {
    awaitReport();
    PrintStream err = top.context().err();
    err.println("Error: reloading the plugin dirs failed: " + error);
    err.flush();
  }

  private void awaitReport() {
    try {
      reported.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
