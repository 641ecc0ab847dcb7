package dev.hangar.internal.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * Host-wide limits of exec plugin calls; per-domain settings (timeout, restarts, queue) live in
 * {@link dev.hangar.exec.ExecDomain}.
 *
 * @param outputCap the most bytes one run of a plugin may write, stdout and stderr together;
 *     beyond it the run's processes are terminated and the call fails with
 *     {@code OUTPUT_TOO_LARGE} (default {@link #DEFAULT_OUTPUT_CAP}, 8 MiB)
 * @param concurrency the most plugin processes (calls of any non-queued or queued domain) running
 *     at once in this host; callers beyond it wait in arrival order (default: available
 *     processors x 4)
 * @param termGrace how long a run's processes get between TERM and KILL when Hangar terminates
 *     them (timeout, too much output, leftovers after the leader exited), and how long leftover
 *     processes that keep stdout/stderr open get after the leader exited (default 2 s)
 * @param processGroups whether each run is started as the leader of its own process group
 *     (through {@code setsid}, when it is installed) so that a termination reaches every process
 *     it forked, even ones whose parent already exited. {@code false} saves one {@code exec}
 *     per call (about 0.5 ms) and terminates the run's process tree instead (descendants found
 *     through {@code /proc}): a grandchild whose parent already exited is then out of reach.
 *     Default {@code true}. See {@link ProcessGroups}.
 */
public record ExecSettings(
    long outputCap, int concurrency, Duration termGrace, boolean processGroups) {
  /** 8 MiB. */
  public static final long DEFAULT_OUTPUT_CAP = 8L * 1024 * 1024;
  /** 2 seconds. */
  public static final Duration DEFAULT_TERM_GRACE = Duration.ofSeconds(2);
  /** Every default. */
  public static final ExecSettings DEFAULTS = new ExecSettings(
      DEFAULT_OUTPUT_CAP, defaultConcurrency(), DEFAULT_TERM_GRACE, true);

  /** Checks. */
  public ExecSettings {
    Objects.requireNonNull(termGrace, "termGrace");
    if (outputCap < 1) {
      throw new IllegalArgumentException("exec output cap must be positive: " + outputCap);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("exec concurrency must be positive: " + concurrency);
    }
    if (termGrace.isNegative()) {
      throw new IllegalArgumentException("exec termination grace must not be negative: "
          + termGrace);
    }
  }

  /** Settings with process groups on. */
  public ExecSettings(long outputCap, int concurrency, Duration termGrace) {
    this(outputCap, concurrency, termGrace, true);
  }

  /** The number of available processors times 4. */
  public static int defaultConcurrency() {
    return Runtime.getRuntime().availableProcessors() * 4;
  }

  /** These settings with another output cap. */
  public ExecSettings withOutputCap(long bytes) {
    return new ExecSettings(bytes, concurrency, termGrace, processGroups);
  }

  /** These settings with another host-wide concurrency limit. */
  public ExecSettings withConcurrency(int processes) {
    return new ExecSettings(outputCap, processes, termGrace, processGroups);
  }

  /** These settings with another termination grace. */
  public ExecSettings withTermGrace(Duration grace) {
    return new ExecSettings(outputCap, concurrency, grace, processGroups);
  }

  /** These settings with process groups on or off. */
  public ExecSettings withProcessGroups(boolean on) {
    return new ExecSettings(outputCap, concurrency, termGrace, on);
  }
}
