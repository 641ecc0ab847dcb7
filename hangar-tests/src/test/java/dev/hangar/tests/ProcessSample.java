package dev.hangar.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What {@code /proc} says of one process at one moment: its open file descriptors (the entries
 * of {@code /proc/PID/fd}), its threads and its resident memory ({@code Threads} and
 * {@code VmRSS} of {@code /proc/PID/status}).
 *
 * @param fds open file descriptors
 * @param threads threads
 * @param rssKib resident set size, KiB
 * @param cpuTicks user and system CPU time so far, clock ticks ({@code /proc/PID/stat}, 100 per
 *     second)
 * @param threadNames the threads by name ({@code /proc/PID/task/TID/comm}, each run of digits
 *     read as {@code #}), so that a growth can be told apart: the JIT's and the GC's own threads
 *     come and go with the load
 */
record ProcessSample(long fds, long threads, long rssKib, long cpuTicks,
    Map<String, Integer> threadNames) {

  /** A sample of a process that is gone. */
  static final ProcessSample GONE = new ProcessSample(-1, -1, -1, -1, Map.of());

  /** A sample of process {@code pid} now ({@code /proc/self} for this JVM's own pid). */
  static ProcessSample of(long pid) {
    Path proc = pid == ProcessHandle.current().pid()
        ? Path.of("/proc/self") : Path.of("/proc", Long.toString(pid));
    try (Stream<Path> fd = Files.list(proc.resolve("fd"))) {
      long fds = fd.count();
      long threads = -1;
      long rss = -1;
      for (String line : Files.readAllLines(proc.resolve("status"))) {
        if (line.startsWith("Threads:")) {
          threads = number(line);
        } else if (line.startsWith("VmRSS:")) {
          rss = number(line);
        }
      }
      return new ProcessSample(fds, threads, rss, cpuTicks(proc.resolve("stat")),
          threadNames(proc.resolve("task")));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + proc, e);
    }
  }

  /** utime + stime: fields 14 and 15 of {@code stat}, counted after the command's ')'. */
  private static long cpuTicks(Path stat) throws IOException {
    String s = Files.readString(stat);
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static Map<String, Integer> threadNames(Path tasks) throws IOException {
    Map<String, Integer> names = new TreeMap<>();
    try (Stream<Path> s = Files.list(tasks)) {
      for (Path task : s.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
          names.merge(name, 1, Integer::sum);
        } catch (IOException threadEnded) {
          // not counted
        }
      }
    }
    return names;
  }

  /**
   * The names whose count differs from {@code earlier}'s, as {@code name: earlier -> now}.
   */
  String threadChanges(ProcessSample earlier) {
    Map<String, Integer> all = new TreeMap<>(earlier.threadNames);
    threadNames.keySet().forEach(n -> all.putIfAbsent(n, 0));
    StringBuilder b = new StringBuilder();
    all.forEach((name, was) -> {
      int now = threadNames.getOrDefault(name, 0);
      if (now != was) {
        b.append(b.isEmpty() ? "" : ", ").append(name).append(": ").append(was).append(" -> ")
            .append(now);
      }
    });
    return b.toString();
  }

  private static long number(String statusLine) {
    return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
  }
}
