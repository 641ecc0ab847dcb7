package dev.hangar.protocol.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Docker's retry schedule: waits of 1, 2, 4, 8, 16, 30, 30 ... seconds, given up when the time
 * already spent plus the next wait would pass the deadline. With the default 15 s deadline the
 * attempts run at about 0, 1, 3, 7 and 15 s, as Docker's do.
 *
 * @param deadline the total time retries may take; zero means a single attempt
 * @since 0.1
 */
public record Backoff(Duration deadline) {
  /** Docker's cap on one wait. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(30);

  /** Docker's effective deadline. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(15));

  /** No retry at all. */
  public static final Backoff NONE = new Backoff(Duration.ZERO);

  /** Checks the deadline. */
  public Backoff {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("retry deadline must not be negative: " + deadline);
    }
  }

  /**
   * The wait before retry number {@code n} (0 for the first retry): 1 s doubled n times, capped.
   */
  public static Duration wait(int n) {
    if (n >= 5) {
      return MAX_WAIT;
    }
    Duration d = Duration.ofSeconds(1L << n);
    return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
  }

  /**
   * Whether another attempt should follow after {@code elapsed} and a wait of {@code next}.
   *
   * <p>The time spent is counted in whole seconds: Docker's waits (1+2+4+8 s) add up to exactly
   * the default 15 s deadline, and the milliseconds the failed attempts themselves take must not
   * cost the last attempt.
   *
   * @param elapsed time since the first attempt started
   * @param next the wait before the next attempt
   * @return true when {@code elapsed} (whole seconds) plus {@code next} does not pass the deadline
   */
  public boolean retryAfter(Duration elapsed, Duration next) {
    Duration counted = Duration.ofSeconds(elapsed.toSeconds());
    return !deadline.isZero() && counted.plus(next).compareTo(deadline) <= 0;
  }
}
