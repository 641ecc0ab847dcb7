package dev.hangar.internal.exec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes one run may still write, stdout and stderr together; shared by the run's two
 * readers. Thread-safe.
 */
final class OutputBudget {
  private final long cap;
  private final AtomicLong used = new AtomicLong();

  OutputBudget(long cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("output cap must be positive: " + cap);
    }
    this.cap = cap;
  }

  /** Takes {@code n} bytes; returns how many of them fit (less than {@code n}: over the cap). */
  int take(int n) {
    long before = used.getAndAdd(n);
    return before >= cap ? 0 : (int) Math.min(n, cap - before);
  }

  /** The cap in bytes. */
  long cap() {
    return cap;
  }
}
