package dev.hangar;

import dev.hangar.protocol.client.RetryClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/** A clock that never sleeps: sleeping advances it and is recorded. */
final class ManualClock {
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private volatile long now = 1_000_000_000L;
  private volatile IntConsumer onSleep = n -> {};

  long nanoTime() {
    return now;
  }

  void sleep(Duration d) {
    sleeps.add(d);
    now += d.toNanos();
    onSleep.accept(sleeps.size());
  }

  /** Runs {@code action} with the number of sleeps so far after every sleep. */
  ManualClock onSleep(IntConsumer action) {
    this.onSleep = action;
    return this;
  }

  RetryClock retryClock() {
    return RetryClock.of(this::nanoTime, this::sleep);
  }
}
