package dev.hangar.exec;

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
 * @param processGroups whether each run is started as the leader of its own process group,
 *     through {@code setsid} (when installed), and terminated as a group with one
 *     {@code kill(-pgid)}; this reaches a grandchild that detached from the run's pipes after
 *     its parent exited, but costs one more {@code exec} per call (0.5 to 0.8 ms measured, more
 *     than half the cost of starting a small script; see {@code bench/README.md}). Default
 *     {@code false}: runs start directly and a termination reaches the leader, its descendants
 *     and every process holding the run's stdout or stderr (see ADR 0007)
 * @since 0.1
 */
public record ExecSettings(
    long outputCap, int concurrency, Duration termGrace, boolean processGroups) {
  /** 8 MiB. */
  public static final long DEFAULT_OUTPUT_CAP = 8L * 1024 * 1024;
  /** 2 seconds. */
  public static final Duration DEFAULT_TERM_GRACE = Duration.ofSeconds(2);
  /** Every default. */
  public static final ExecSettings DEFAULTS = new ExecSettings(
      DEFAULT_OUTPUT_CAP, defaultConcurrency(), DEFAULT_TERM_GRACE, false);

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

  /** Settings with process groups off (the default). */
  public ExecSettings(long outputCap, int concurrency, Duration termGrace) {
    this(outputCap, concurrency, termGrace, false);
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
