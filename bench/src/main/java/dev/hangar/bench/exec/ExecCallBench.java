package dev.hangar.bench.exec;

import dev.hangar.exec.ExecSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exec plugin calls against bare {@link ProcessBuilder} starts of the same binary, in one JVM
 * (run by {@code bench/exec-run.sh}; issue #4 section 6). A plain timed loop, not JMH: every
 * call forks a process and takes milliseconds, while the machine's load moves a lot; so the
 * sides take turns call by call in (a) and round by round in (b), the order rotating, and a
 * change of load hits all of them alike. The warm-up ({@code WARMUP} calls per side, default
 * 2000) matters: until the JIT has compiled Hangar's path (about the first thousand calls) a
 * call costs some 0.1 to 0.2 ms more.
 *
 * <ul>
 *   <li><b>(a) per call</b>: one caller; {@code ROUNDS x CALLS} calls per side, each timed with
 *       {@code System.nanoTime}; the report gives median, p90 and mean per side and the ratio
 *       of medians to {@code bare}.
 *   <li><b>(b) calls per second with N concurrent callers</b> on a non-queued domain: N threads
 *       call for S seconds per round; the report gives the median of the rounds per side and
 *       the ratio to {@code bare}.
 * </ul>
 *
 * <p>Sides: {@code bare} (see {@link ExecSide#bare}), {@code hangar} (the defaults: runs start
 * directly and are terminated through their process tree and pipes), {@code hangar-pgrp}
 * ({@code processGroups} on: each run starts through {@code setsid} in its own process group).
 *
 * <p>Usage: {@code ExecCallBench PLUGIN WARMUP ROUNDS CALLS_PER_ROUND SECONDS_PER_ROUND CALLERS}
 */
public final class ExecCallBench {
  private ExecCallBench() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: ExecCallBench PLUGIN WARMUP ROUNDS CALLS SECONDS CALLERS");
      System.exit(2);
    }
    Path plugin = Path.of(args[0]).toAbsolutePath();
    int warmup = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    int calls = Integer.parseInt(args[3]);
    double seconds = Double.parseDouble(args[4]);
    int callers = Integer.parseInt(args[5]);
    List<ExecSide> sides = List.of(
        ExecSide.bare(plugin),
        ExecSide.hangar("hangar", plugin, ExecSettings.DEFAULTS),
        ExecSide.hangar("hangar-pgrp", plugin, ExecSettings.DEFAULTS.withProcessGroups(true)));

    for (ExecSide s : sides) { // warm-up: class loading, the page cache, and the JIT
      for (int i = 0; i < warmup; i++) {
        s.call();
      }
    }

    Map<String, List<Long>> samples = new LinkedHashMap<>();
    sides.forEach(s -> samples.put(s.name, new ArrayList<>()));
    for (int i = 0; i < rounds * calls; i++) {
      for (int k = 0; k < sides.size(); k++) { // one call per side, the order rotating
        ExecSide s = sides.get((i + k) % sides.size());
        long t0 = System.nanoTime();
        s.call();
        samples.get(s.name).add(System.nanoTime() - t0);
      }
    }
    double bareMedian = percentile(samples.get("bare"), 50);
    for (ExecSide s : sides) {
      List<Long> l = samples.get(s.name);
      double median = percentile(l, 50);
      System.out.printf(Locale.ROOT,
          "(a) per call, 1 caller: %-11s median %6.0f us  p90 %6.0f us  mean %6.0f us  "
              + "ratio %.3f (target <= 1.10)%n",
          s.name, median / 1e3, percentile(l, 90) / 1e3,
          l.stream().mapToLong(Long::longValue).average().orElse(0) / 1e3, median / bareMedian);
    }

    Map<String, List<Double>> rates = new LinkedHashMap<>();
    sides.forEach(s -> rates.put(s.name, new ArrayList<>()));
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < sides.size(); k++) {
        ExecSide s = sides.get((r + k) % sides.size());
        rates.get(s.name).add(rate(s, callers, seconds));
      }
    }
    double bareRate = median(rates.get("bare"));
    for (ExecSide s : sides) {
      double m = median(rates.get(s.name));
      System.out.printf(Locale.ROOT,
          "(b) %d callers:        %-11s %7.0f calls/s (median of %d rounds: %s)  ratio %.3f%n",
          callers, s.name, m, rounds, rounded(rates.get(s.name)), m / bareRate);
    }
  }

  /** Calls per second of {@code callers} threads calling for {@code seconds}. */
  private static double rate(ExecSide s, int callers, double seconds) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    CountDownLatch ready = new CountDownLatch(callers);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      threads.add(Thread.ofPlatform().start(() -> {
        ready.countDown();
        try {
          go.await();
          while (!stop.get()) {
            s.call();
            done.incrementAndGet();
          }
        } catch (Exception e) {
          failures.incrementAndGet();
        }
      }));
    }
    ready.await();
    long t0 = System.nanoTime();
    go.countDown();
    Thread.sleep((long) (seconds * 1000));
    long n = done.get();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(s.name + ": " + failures.get() + " callers failed");
    }
    return n / elapsed;
  }

  private static double percentile(List<Long> values, int p) {
    long[] a = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    return a[Math.min(a.length - 1, (int) Math.floor(a.length * p / 100.0))];
  }

  private static double median(List<Double> values) {
    double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static String rounded(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
  }
}
