package dev.hangar.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every round of a fault-injection test must show, and the tally of a whole run.
 *
 * <p>For each call: it ended within {@code bound}; it succeeded or failed with one of the
 * allowed codes; a non-idempotent request arrived at the plugin at most once (the plugin logs
 * every arrival in a file that outlives its SIGKILL); a success arrived; a
 * {@code PLUGIN_UNREACHABLE} did not arrive (that code promises the request never reached the
 * plugin). Not thread-safe: the test's thread uses it.
 */
final class FaultChecks {
  /** The codes a call may end with when its plugin is killed under it. */
  static final Set<String> ALLOWED = Set.of(FaultCall.OK, "CONNECTION_LOST",
      "PLUGIN_UNREACHABLE");

  private final Duration bound;
  private final Map<String, Long> codes = new TreeMap<>();
  private final Map<String, Duration> slowest = new TreeMap<>();
  private long retriedIdempotent;

  /** @param bound the longest a call may take (its timeouts and retries, plus slack) */
  FaultChecks(Duration bound) {
    this.bound = bound;
  }

  /**
   * Reads the plugin's arrival log and removes it, for the next round: how many times each
   * request id arrived. Call it only when no call is in flight.
   */
  static Map<String, Integer> drainArrivals(Path log) {
    Map<String, Integer> arrivals = new HashMap<>();
    try {
      if (Files.exists(log)) {
        for (String id : Files.readAllLines(log)) {
          arrivals.merge(id, 1, Integer::sum);
        }
        Files.delete(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the plugin's arrival log " + log, e);
    }
    return arrivals;
  }

  /** Checks one round's calls against the arrivals; the problems found, counted in the tally. */
  List<String> round(List<FaultCall> calls, Map<String, Integer> arrivals) {
    List<String> problems = new ArrayList<>();
    for (FaultCall c : calls) {
      codes.merge(c.code(), 1L, Long::sum);
      slowest.merge(c.code(), c.duration(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      int arrived = arrivals.getOrDefault(c.id(), 0);
      if (c.duration().compareTo(bound) > 0) {
        problems.add("took longer than " + bound.toMillis() + " ms: " + c);
      }
      if (!ALLOWED.contains(c.code())) {
        problems.add("ended with a code not allowed: " + c);
      }
      if (!c.idempotent() && arrived > 1) {
        problems.add("a non-idempotent request arrived " + arrived + " times: " + c);
      }
      if (c.idempotent() && arrived > 1) {
        retriedIdempotent++;
      }
      if (c.ok() && arrived == 0) {
        problems.add("succeeded but never arrived: " + c);
      }
      if (c.code().equals("PLUGIN_UNREACHABLE") && arrived > 0) {
        problems.add("PLUGIN_UNREACHABLE, but the request arrived " + arrived + " times: " + c);
      }
    }
    return problems;
  }

  /** The tally so far: calls per code with the slowest of each, idempotent retries. */
  String summary() {
    StringBuilder s = new StringBuilder();
    codes.forEach((code, n) -> s.append(s.isEmpty() ? "" : ", ").append(code).append(' ')
        .append(n).append(" (slowest ").append(slowest.get(code).toMillis()).append(" ms)"));
    return s + "; idempotent calls that arrived more than once: " + retriedIdempotent;
  }
}
