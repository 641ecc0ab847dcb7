package dev.hangar.protocol.internal.http;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The deadline of one call attempt. When it passes, the attempt's connection is closed, which
 * unblocks the caller's read or write; the caller then sees {@link #fired()} and reports a
 * timeout. One daemon thread serves every client, so calls create no threads.
 *
 * <p>In progress mode (sendFile), the deadline moves forward whenever {@link #progress()} is
 * called, so it limits inactivity while the body is uploaded and then the wait for the reply
 * after the last body byte.
 */
final class Watchdog implements Runnable {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private static final int ARMED = 0;
  private static final int FIRED = 1;
  private static final int DONE = 2;

  private final long timeoutNanos;
  private final boolean progressMode;
  private final AtomicInteger state = new AtomicInteger(ARMED);
  private volatile Connection connection;
  private volatile long lastProgress;
  private volatile ScheduledFuture<?> future;

  private Watchdog(long timeoutNanos, boolean progressMode) {
    this.timeoutNanos = timeoutNanos;
    this.progressMode = progressMode;
    this.lastProgress = System.nanoTime();
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "hangar-plugin-client-watchdog");
      th.setDaemon(true);
      return th;
    });
    t.setRemoveOnCancelPolicy(true);
    t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return t;
  }

  /** Schedules a task on the shared timer (the pool's idle sweeps use it too). */
  static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    return TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Starts a deadline {@code timeoutNanos} from now. */
  static Watchdog start(long timeoutNanos, boolean progressMode) {
    Watchdog w = new Watchdog(timeoutNanos, progressMode);
    w.future = schedule(w, timeoutNanos);
    return w;
  }

  /** The connection to close at the deadline; closed at once if the deadline already passed. */
  void attach(Connection c) {
    connection = c;
    if (state.get() == FIRED) {
      c.close();
    }
  }

  /** Records upload progress (progress mode only). */
  void progress() {
    lastProgress = System.nanoTime();
  }

  /**
   * Stops the deadline. Repeatable.
   *
   * @return true when stopped in time; false when it fired (the connection is or will be closed)
   */
  boolean disarm() {
    if (state.compareAndSet(ARMED, DONE)) {
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
    }
    return state.get() == DONE;
  }

  /** Whether the deadline passed before {@link #disarm()}. */
  boolean fired() {
    return state.get() == FIRED;
  }

  @Override
  public void run() {
    if (state.get() != ARMED) {
      return;
    }
    if (progressMode) {
      long due = lastProgress + timeoutNanos - System.nanoTime();
      if (due > 0) {
        future = schedule(this, due);
        return;
      }
    }
    if (state.compareAndSet(ARMED, FIRED)) {
      Connection c = connection;
      if (c != null) {
        c.close();
      }
    }
  }
}
