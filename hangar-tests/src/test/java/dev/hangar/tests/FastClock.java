package dev.hangar.tests;

import dev.hangar.protocol.client.RetryClock;
import java.time.Duration;

/**
 * Docker's retry schedule run {@value #SPEEDUP} times faster: a real clock whose time passes
 * {@value #SPEEDUP} times as fast and whose sleeps are that much shorter, so a host keeps its
 * real retry logic (waits of 1, 2, 4, 8 s within a 15 s deadline) but gives up on a dead plugin
 * after 300 ms instead of 15 s, and hundreds of kill rounds fit in a test.
 */
final class FastClock {
  static final int SPEEDUP = 50;

  private FastClock() {}

  /** The clock; its origin is now. */
  static RetryClock create() {
    long origin = System.nanoTime();
    return RetryClock.of(() -> (System.nanoTime() - origin) * SPEEDUP,
        d -> Thread.sleep(d.dividedBy(SPEEDUP)));
  }

  /** How long {@code d} of this clock's time lasts in real time. */
  static Duration real(Duration d) {
    return d.dividedBy(SPEEDUP);
  }
}
