package dev.hangar.protocol.client;

import java.time.Duration;

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
}
