package dev.hangar.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when told: {@link #sleep(Duration)} returns at once, advances the time
 * by the duration and records it. Use it for retry schedules without waiting:
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * ClientConfig config =
 *     ClientConfig.DEFAULT.withClock(RetryClock.of(clock::nanoTime, clock::sleep));
 * // ... a call that retries ...
 * assertThat(clock.sleeps())
 *     .containsExactly(ofSeconds(1), ofSeconds(2), ofSeconds(4), ofSeconds(8));
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class ManualClock {
  private long nanos;
  private final List<Duration> sleeps = new ArrayList<>();

  /** A clock at an arbitrary fixed start time. */
  public ManualClock() {
    this.nanos = 1_000_000_000_000L;
  }

  /** The current time in nanoseconds, as {@link System#nanoTime()} would give it. */
  public synchronized long nanoTime() {
    return nanos;
  }

  /**
   * Records {@code d} and moves the time forward by it, without waiting.
   *
   * @throws IllegalArgumentException when {@code d} is negative
   */
  public synchronized void sleep(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative sleep: " + d);
    }
    sleeps.add(d);
    nanos += d.toNanos();
  }

  /** Moves the time forward by {@code d} without recording a sleep. */
  public synchronized void advance(Duration d) {
    nanos += d.toNanos();
  }

  /** Every sleep so far, in order. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The time passed since the clock was made. */
  public synchronized Duration elapsed() {
    return Duration.ofNanos(nanos - 1_000_000_000_000L);
  }
}
