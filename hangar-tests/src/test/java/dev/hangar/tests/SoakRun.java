package dev.hangar.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;

/**
 * The soak driver: {@code callers} threads make {@code calls} calls spread over the plugins by
 * weight (a fixed, shuffled schedule: call {@code n} goes to {@code schedule[n % length]}), and
 * the processes are sampled every {@code sampleEvery}. A warm-up of {@code warmup} calls comes
 * first; the sample taken after it is the baseline, so that pools and caches filled on first use
 * (connections, JIT, the JDK's process reaper threads) are not counted as growth. The callers
 * and the sampler thread exist before the first sample. The {@code end} sample is taken once the
 * processes have settled (see {@link #run}), within {@link #SETTLE}.
 *
 * @param calls calls in all, warm-up included
 * @param warmup calls of the warm-up
 * @param callers caller threads
 * @param sampleEvery the sampling period
 */
record SoakRun(long calls, long warmup, int callers, Duration sampleEvery) {
  /** How long the end sample waits for the processes to settle. */
  static final Duration SETTLE = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(50);

  SoakRun {
    if (warmup <= 0 || warmup >= calls || callers <= 0) {
      throw new IllegalArgumentException("need 0 < warmup < calls, callers > 0: " + this);
    }
  }

  /**
   * Runs the calls against {@code plugins} and reports what happened. After the last call the
   * processes are sampled every 50 ms until {@code settled} holds between the baseline and the
   * sample, or {@link #SETTLE} has passed: the last one is the {@code end} sample. That wait is
   * for the plugin processes: once the callers stop, the host closes the connections beyond
   * its pools' idle limit at once, and a plugin closes its side when it next gets to run, which
   * on a loaded machine can be a while later.
   */
  SoakReport run(SoakPlugins plugins, BiPredicate<SoakReport.Sample, SoakReport.Sample> settled)
      throws Exception {
    List<SoakTally> tallies = plugins.targets().stream().map(SoakTally::new).toList();
    SoakTally[] schedule = schedule(tallies);
    ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(callers);
    pool.prestartAllCoreThreads();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    List<SoakReport.Sample> samples = new CopyOnWriteArrayList<>();
    AtomicLong next = new AtomicLong();
    long t0 = System.nanoTime();
    try {
      sampler.submit(() -> samples.add(sample("before", plugins, t0, tallies))).get();
      calls(pool, next, 0, warmup, schedule);
      long t1 = System.nanoTime();
      samples.add(sample("start", plugins, t0, tallies));
      long period = sampleEvery.toMillis();
      ScheduledFuture<?> periodic = sampler.scheduleAtFixedRate(
          () -> samples.add(sample("", plugins, t0, tallies)), period, period,
          TimeUnit.MILLISECONDS);
      calls(pool, next, warmup, calls, schedule);
      long t2 = System.nanoTime();
      periodic.cancel(false);
      SoakReport.Sample start = samples.stream().filter(x -> x.label().equals("start"))
          .findFirst().orElseThrow();
      samples.add(sampler.submit(() -> settle(plugins, t0, tallies, start, settled)).get());
      return new SoakReport(this, tallies, List.copyOf(samples), Duration.ofNanos(t1 - t0),
          Duration.ofNanos(t2 - t1), Duration.ofNanos(System.nanoTime() - t2));
    } finally {
      pool.shutdownNow();
      sampler.shutdownNow();
    }
  }

  private static SoakReport.Sample settle(SoakPlugins plugins, long t0, List<SoakTally> tallies,
      SoakReport.Sample start, BiPredicate<SoakReport.Sample, SoakReport.Sample> settled)
      throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      SoakReport.Sample end = sample("end", plugins, t0, tallies);
      if (settled.test(start, end) || System.nanoTime() > deadline) {
        return end;
      }
      Thread.sleep(POLL);
    }
  }

  private SoakTally[] schedule(List<SoakTally> tallies) {
    List<SoakTally> s = new ArrayList<>();
    for (SoakTally t : tallies) {
      for (int i = 0; i < t.target().weight(); i++) {
        s.add(t);
      }
    }
    Collections.shuffle(s, new Random(11));
    return s.toArray(SoakTally[]::new);
  }

  /** Makes calls {@code from} to {@code to} - 1 on every caller thread; returns when all end. */
  private void calls(ExecutorService pool, AtomicLong next, long from, long to,
      SoakTally[] schedule) throws Exception {
    next.set(from);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      int caller = c;
      running.add(pool.submit(() -> {
        for (long n; (n = next.getAndIncrement()) < to; ) {
          schedule[(int) (n % schedule.length)].call(caller, n);
        }
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
  }

  private static SoakReport.Sample sample(String label, SoakPlugins plugins, long t0,
      List<SoakTally> tallies) {
    Map<String, ProcessSample> byProcess = new LinkedHashMap<>();
    plugins.processes().forEach((role, pid) -> byProcess.put(role, sampleOrGone(pid)));
    long done = tallies.stream().mapToLong(t -> t.ok() + t.errorCount()).sum();
    return new SoakReport.Sample(label, Duration.ofNanos(System.nanoTime() - t0), done,
        byProcess, SoakReport.loadAverage(), label.isEmpty() ? -1 : heapAfterGc());
  }

  /** This JVM's used heap right after a full collection, KiB (the labelled samples only). */
  private static long heapAfterGc() {
    System.gc();
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
        .getUsed() / 1024;
  }

  /** A sample of {@code pid}, or -1s when it is gone (which the checks then report). */
  private static ProcessSample sampleOrGone(long pid) {
    try {
      return ProcessSample.of(pid);
    } catch (java.io.UncheckedIOException gone) {
      return ProcessSample.GONE;
    }
  }
}
