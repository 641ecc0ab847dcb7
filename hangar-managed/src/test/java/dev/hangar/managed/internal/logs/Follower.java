package dev.hangar.managed.internal.logs;

import dev.hangar.managed.LogLine;
import dev.hangar.managed.LogQuery;
import dev.hangar.managed.LogSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link PluginLog#read} running on its own thread into a queue, for follow tests. */
final class Follower implements LogSink, AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(20);

  private final LinkedBlockingQueue<LogLine> queue = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final String stopAfter;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean open = true;

  /** Follows {@code dir}; {@code accept} returns false on the line {@code stopAfter} (if any). */
  Follower(Path dir, LogQuery q, String stopAfter) {
    this.stopAfter = stopAfter;
    thread = Thread.ofPlatform().name("follower").start(() -> {
      try {
        PluginLog.read(dir, q, this);
      } catch (Throwable t) {
        failure.set(t);
      }
    });
  }

  @Override
  public boolean accept(LogLine line) {
    queue.add(line);
    return !line.text().equals(stopAfter);
  }

  @Override
  public boolean open() {
    return open;
  }

  /** Waits until {@code n} lines in all have arrived (or the deadline passed); all seen so far. */
  List<String> await(int n) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (seen.size() < n) {
      long left = deadline - System.nanoTime();
      LogLine l = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (l == null) {
        break;
      }
      seen.add(l.text());
    }
    return List.copyOf(seen);
  }

  /** Every line delivered so far, without waiting (all of them once {@link #ended}). */
  List<String> all() {
    List<LogLine> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.forEach(l -> seen.add(l.text()));
    return List.copyOf(seen);
  }

  /** Whether the read ended (waiting for it up to the deadline). */
  boolean ended() throws InterruptedException {
    thread.join(PATIENCE);
    return !thread.isAlive();
  }

  /** The read's failure, if it threw. */
  Throwable failure() {
    return failure.get();
  }

  /** Interrupts the reading thread. */
  void interrupt() {
    thread.interrupt();
  }

  /** Makes {@code open()} false; the read should then end. */
  void stop() {
    open = false;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    thread.join(PATIENCE);
  }
}
