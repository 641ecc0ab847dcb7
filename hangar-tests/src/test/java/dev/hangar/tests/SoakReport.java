package dev.hangar.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What a {@link SoakRun} saw: the calls' outcomes per plugin and the samples of every process,
 * labelled {@code before} (before the warm-up), {@code start} (after it: the baseline), the
 * periodic ones (no label) and {@code end} (after the last call, once settled; {@code
 * settleTime} after it).
 */
record SoakReport(SoakRun run, List<SoakTally> tallies, List<Sample> samples,
    Duration warmupTime, Duration measuredTime, Duration settleTime) {

  /**
   * One sample.
   *
   * @param label before, start, end, or empty for a periodic one
   * @param at time since the run began
   * @param calls calls done by then
   * @param processes a sample of each process, by role
   * @param load the 1-minute load average
   * @param heapKib the host's used heap after a full collection, KiB (-1 in periodic samples)
   */
  record Sample(String label, Duration at, long calls, Map<String, ProcessSample> processes,
      String load, long heapKib) {}

  /** The metrics of the table, with how each is read from a sample. */
  private static final Map<String, ToLongFunction<ProcessSample>> METRICS =
      new java.util.LinkedHashMap<>();

  static {
    METRICS.put("fds", ProcessSample::fds);
    METRICS.put("threads", ProcessSample::threads);
    METRICS.put("rss MiB", s -> s.rssKib() < 0 ? -1 : s.rssKib() / 1024);
  }

  /** The sample labelled {@code label}. */
  Sample sample(String label) {
    return samples.stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow();
  }

  /** The highest value of {@code metric} of {@code role} from the baseline to the end. */
  long peak(String role, ToLongFunction<ProcessSample> metric) {
    int start = samples.indexOf(sample("start"));
    return samples.subList(start, samples.size()).stream()
        .mapToLong(s -> metric.applyAsLong(s.processes().get(role))).max().orElseThrow();
  }

  /** Failed calls, all plugins together. */
  long errors() {
    return tallies.stream().mapToLong(SoakTally::errorCount).sum();
  }

  /** The report as printed: the run, the calls per plugin, the processes' table. */
  String table() {
    StringBuilder b = new StringBuilder();
    long measured = run.calls() - run.warmup();
    b.append(String.format("soak: %d calls from %d callers over %d plugins; warm-up %d calls "
            + "in %.1f s, then %d calls in %.1f s: %.0f calls/s; %d errors%n", run.calls(),
        run.callers(), tallies.size(), run.warmup(), seconds(warmupTime), measured,
        seconds(measuredTime), measured / seconds(measuredTime), errors()));
    b.append(String.format("load average (1 min): before %s, start %s, end %s; %d cores%n",
        sample("before").load(), sample("start").load(), sample("end").load(),
        Runtime.getRuntime().availableProcessors()));
    b.append(String.format("%n%-14s %-8s %6s %9s %9s %8s  %s%n", "plugin", "kind", "weight",
        "calls", "ok", "mean ms", "errors"));
    for (SoakTally t : tallies) {
      b.append(String.format("%-14s %-8s %6d %9d %9d %8.2f  %s%n", t.target().name(),
          t.target().kind(), t.target().weight(), t.ok() + t.errorCount(), t.ok(),
          t.meanMillis(), t.errorCount() == 0 ? "0" : t.errors()));
      t.messages().forEach(m -> b.append("    ").append(m).append('\n'));
    }
    b.append(String.format("%n%-16s %-8s %8s %8s %8s %8s%n", "process", "metric", "before",
        "start", "peak", "end"));
    for (String role : sample("start").processes().keySet()) {
      METRICS.forEach((name, metric) -> b.append(String.format("%-16s %-8s %8d %8d %8d %8d%n",
          role, name, metric.applyAsLong(sample("before").processes().get(role)),
          metric.applyAsLong(sample("start").processes().get(role)), peak(role, metric),
          metric.applyAsLong(sample("end").processes().get(role)))));
    }
    b.append("CPU seconds from the start to the end:");
    sample("start").processes().forEach((role, p) -> b.append(String.format(" %s %.1f;", role,
        (sample("end").processes().get(role).cpuTicks() - p.cpuTicks()) / 100.0)));
    b.append('\n');
    b.append(String.format("host heap after a full GC, MiB: before %d, start %d, end %d%n",
        sample("before").heapKib() / 1024, sample("start").heapKib() / 1024,
        sample("end").heapKib() / 1024));
    for (String role : sample("start").processes().keySet()) {
      String changes = sample("end").processes().get(role)
          .threadChanges(sample("start").processes().get(role));
      if (!changes.isEmpty()) {
        b.append(String.format("%s threads, start -> end: %s%n", role, changes));
      }
    }
    b.append(String.format("(%d samples, every %d s; start = after the warm-up, the baseline; "
        + "end = %d ms after the last call)%n", samples.size(), run.sampleEvery().toSeconds(),
        settleTime.toMillis()));
    return b.toString();
  }

  /** Every sample as CSV: time, calls, load, then fds, threads and RSS KiB of each process. */
  String csv() {
    StringBuilder b = new StringBuilder("label,seconds,calls,load");
    sample("start").processes().keySet().forEach(r -> b.append(String.format(
        ",%1$s fds,%1$s threads,%1$s rss KiB", r)));
    b.append('\n');
    for (Sample s : samples) {
      b.append(String.format("%s,%.1f,%d,%s", s.label(), seconds(s.at()), s.calls(), s.load()));
      s.processes().values().forEach(p -> b.append(String.format(",%d,%d,%d", p.fds(),
          p.threads(), p.rssKib())));
      b.append('\n');
    }
    return b.toString();
  }

  /** Writes {@code table.txt} and {@code samples.csv} into {@code dir}. */
  void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("table.txt"), table());
      Files.writeString(dir.resolve("samples.csv"), csv());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-minute load average now, from {@code /proc/loadavg}. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
