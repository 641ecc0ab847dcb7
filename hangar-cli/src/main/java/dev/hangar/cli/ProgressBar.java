package dev.hangar.cli;

import dev.hangar.resource.DownloadListener;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code hangar get}'s progress bar on standard error: percentage, bar, bytes, rate and ETA,
 * redrawn in place at most 10 times a second. Shown only on a terminal.
 */
final class ProgressBar implements DownloadListener {
  static final long REDRAW_NANOS = 100_000_000L;
  private static final int WIDTH = 24;

  private final PrintStream err;
  private final LongSupplier nanoTime;
  private long startNanos;
  private long startDone;
  private long total = -1;
  private long lastDraw;
  private long done;
  private boolean drawn;

  ProgressBar(PrintStream err, LongSupplier nanoTime) {
    this.err = err;
    this.nanoTime = nanoTime;
  }

  /** A bar when {@code err} is the process's standard error and that is a terminal. */
  static DownloadListener forTerminal(PrintStream err) {
    return err == System.err && isTerminal() ? new ProgressBar(err, System::nanoTime)
        : DownloadListener.NONE;
  }

  @Override
  public void started(long totalBytes, long alreadyDone) {
    total = totalBytes;
    startDone = alreadyDone;
    done = alreadyDone;
    startNanos = nanoTime.getAsLong();
    lastDraw = startNanos - REDRAW_NANOS;
  }

  @Override
  public void progressed(long bytesDone) {
    done = bytesDone;
    long now = nanoTime.getAsLong();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw(now);
    }
  }

  @Override
  public void ended() {
    if (drawn || done > startDone) {
      draw(nanoTime.getAsLong());
      err.print('\n');
      err.flush();
    }
  }

  private void draw(long now) {
    err.print('\r' + line(done, total, startDone, now - startNanos) + "\u001b[K");
    err.flush();
    drawn = true;
  }

  /** One line of the bar: pure, for tests. */
  static String line(long done, long total, long startDone, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos, 1) / 1e9;
    double rate = (done - startDone) / seconds;
    StringBuilder sb = new StringBuilder();
    if (total > 0) {
      int pct = (int) Math.min(100, done * 100 / total);
      int fill = (int) Math.min(WIDTH, done * WIDTH / total);
      sb.append(String.format(Locale.ROOT, "%3d%% [", pct))
          .append("=".repeat(fill)).append(fill < WIDTH ? ">" : "")
          .append(" ".repeat(Math.max(0, WIDTH - fill - 1))).append("] ")
          .append(bytes(done)).append(" / ").append(bytes(total));
    } else {
      sb.append(bytes(done));
    }
    sb.append("  ").append(bytes((long) rate)).append("/s");
    if (total > 0 && rate > 0 && done < total) {
      long eta = (long) Math.ceil((total - done) / rate);
      sb.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
    }
    return sb.toString();
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static boolean isTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      // Console.isTerminal() exists from JDK 22; there System.console() is non-null even when
      // the streams are redirected.
      Method m = Console.class.getMethod("isTerminal");
      if (!(Boolean) m.invoke(c)) {
        return false;
      }
    } catch (ReflectiveOperationException e) {
      // JDK 21: a non-null console means a terminal.
    }
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      String target = Files.readSymbolicLink(fd2).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return true;
    }
  }
}
