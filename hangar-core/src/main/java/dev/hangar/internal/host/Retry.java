package dev.hangar.internal.host;

import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.RetryClock;
import java.time.Duration;

/**
 * One retry budget on Docker's schedule (waits of 1, 2, 4, 8 ... s), shared by the lookup and the
 * connection attempts of one activation: together they never pass the deadline. Not thread-safe.
 */
final class Retry {
  private final Backoff backoff;
  private final RetryClock clock;
  private final long start;
  private int retries;

  Retry(Backoff backoff, RetryClock clock) {
    this.backoff = backoff;
    this.clock = clock;
    this.start = clock.nanoTime();
  }

  /** A budget of a single attempt. */
  static Retry none(RetryClock clock) {
    return new Retry(Backoff.NONE, clock);
  }

  /**
   * Waits before the next attempt.
   *
   * @return false when the deadline leaves no room for another attempt, or the thread was
   *     interrupted (its interrupt flag is then set again)
   */
  boolean awaitNext() {
    Duration next = Backoff.wait(retries);
    Duration elapsed = Duration.ofNanos(clock.nanoTime() - start);
    if (!backoff.retryAfter(elapsed, next)) {
      return false;
    }
    try {
      clock.sleep(next);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    retries++;
    return true;
  }
}
