package dev.hangar.protocol.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time source and sleeper behind retries, injectable so tests do not sleep.
 *
 * @since 0.1
 */
public interface RetryClock {
  /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException when interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /** The real clock. */
  RetryClock SYSTEM = new RetryClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      Thread.sleep(duration);
    }
  };

  /**
   * A clock from a time source and a sleeper, e.g. a test's manual clock:
   * {@code RetryClock.of(manual::nanoTime, manual::sleep)}.
   */
  static RetryClock of(LongSupplier nanoTime, Sleeper sleeper) {
    return new RetryClock() {
      @Override
      public long nanoTime() {
        return nanoTime.getAsLong();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
      }
    };
  }

  /** Something that waits. */
  @FunctionalInterface
  interface Sleeper {
    /**
     * Waits for {@code duration}.
     *
     * @throws InterruptedException when interrupted
     */
    void sleep(Duration duration) throws InterruptedException;
  }
}
