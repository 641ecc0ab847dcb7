package dev.hangar.managed.internal;

import dev.hangar.managed.ManagedState;
import dev.hangar.managed.internal.logs.PluginLog;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one enabled plugin's container and keeps it running (beyond Docker, which restarts at once
 * and for ever): an exit is followed by a restart after a backoff (100 ms doubling to 30 s, back
 * to 100 ms after 60 s up); the 5th exit within 60 s stops it as {@code failed}, with the reason
 * and the tail of its output.
 *
 * <p>{@link #start} makes the first attempt on the caller's thread; a monitor thread then waits
 * for the container to exit. {@link #stop} ends it all: TERM, the grace, KILL, and the container
 * and its runtime dir removed.
 */
final class Supervisor {
  private static final Logger LOG = Logger.getLogger(Supervisor.class.getName());
  static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  static final Duration WINDOW = Duration.ofSeconds(60);
  static final int MAX_EXITS = 5;

  private final Entry entry;
  private final Context ctx;
  private final PluginLog log;
  private final Object lock = new Object();
  private final Deque<Instant> exits = new ArrayDeque<>();
  private boolean stopping;
  private Attempt current;
  private Thread monitor;
  private Thread probe;
  private int restarts;
  private String lastFailure = "did not start";

  Supervisor(Entry entry, Context ctx) {
    this.entry = entry;
    this.ctx = ctx;
    this.log = new PluginLog(ctx.store().logs(entry.id),
        ctx.settings().logMaxBytes(), ctx.settings().logMaxFiles());
  }

  /**
   * Starts the container and waits until it serves.
   *
   * @throws HangarException PLUGIN_START_FAILED (the container stopped and removed),
   *     RUNTIME_UNAVAILABLE
   */
  void start() {
    Attempt a;
    try {
      a = Attempt.run(entry, ctx, log);
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
    synchronized (lock) {
      current = a;
      monitor = Thread.ofPlatform().daemon().name("hangar-supervise-" + entry.id.substring(0, 12))
          .start(this::watch);
      probe = HealthProbe.start(entry, ctx, this);
    }
  }

  /**
   * Kills the running container for failing its health probes; the monitor sees the exit and
   * restarts it (with the backoff, counted as an exit).
   */
  void killUnhealthy() {
    Attempt a;
    synchronized (lock) {
      if (stopping || current == null) {
        return;
      }
      a = current;
    }
    a.kill();
  }

  /** The monitor: waits for each exit, restarts or fails. */
  private void watch() {
    while (true) {
      Attempt a;
      synchronized (lock) {
        a = current;
      }
      String how = a == null ? lastFailure : a.awaitExit();
      if (a != null) {
        a.cleanUp();
      }
      Duration delay;
      synchronized (lock) {
        if (stopping) {
          return;
        }
        current = null;
        Instant now = Instant.now();
        exits.addLast(now);
        while (!exits.isEmpty() && exits.peekFirst().isBefore(now.minus(WINDOW))) {
          exits.removeFirst();
        }
        if (a != null && Duration.between(a.startedAt(), now).compareTo(WINDOW) >= 0) {
          restarts = 0;
        }
        if (exits.size() >= MAX_EXITS) {
          fail("exited " + exits.size() + " times within " + WINDOW.toSeconds() + "s; last: "
              + how);
          return;
        }
        delay = backoff(restarts++);
      }
      if (entry.state() == ManagedState.ENABLED) {
        entry.transition(ManagedState.RESTARTING);
      }
      LOG.warning("managed plugin " + entry.name() + " " + how + "; restarting in "
          + dev.hangar.protocol.internal.Durations.format(delay));
      if (!sleep(delay)) {
        return;
      }
      try {
        Attempt next = Attempt.run(entry, ctx, log);
        synchronized (lock) {
          if (stopping) {
            next.stopNow(ctx.settings().stopGrace());
            return;
          }
          current = next;
        }
        entry.unhealthy(Optional.empty());
        entry.transition(ManagedState.ENABLED);
        ctx.events().emit("restart", entry.id, entry.name(), Map.of());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "managed plugin " + entry.name() + ": restart failed: "
            + e.getMessage());
        lastFailure = "did not restart: " + e.getMessage();
        // counted as an exit on the next turn (current is null)
      }
    }
  }

  /** The wait before restart {@code n} (0-based): 100 ms doubling, capped at 30 s. */
  static Duration backoff(int n) {
    if (n >= 9) {
      return MAX_BACKOFF;
    }
    Duration d = FIRST_BACKOFF.multipliedBy(1L << n);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  /** Waits {@code d} unless stopped meanwhile; false when stopped. */
  private boolean sleep(Duration d) {
    long until = System.nanoTime() + d.toNanos();
    synchronized (lock) {
      while (!stopping) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return true;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }
  }

  /** Stops for good as {@code failed}: saved with {@code Enabled} false, an event sent. */
  private void fail(String reason) {
    LOG.warning("managed plugin " + entry.name() + " failed: " + reason);
    stopping = true;
    if (probe != null) {
      probe.interrupt();
    }
    log.close();
    entry.saved(entry.saved().asFailed(reason));
    ctx.store().save(entry.saved());
    entry.failed(reason);
    ctx.events().emit("failed", entry.id, entry.name(), Map.of("reason", reason));
  }

  /**
   * Stops the container for good: TERM, {@code grace}, KILL; removes it and its runtime dir.
   * Idempotent; safe while a restart is pending or running.
   */
  void stop(Duration grace) {
    Attempt a;
    Thread m;
    synchronized (lock) {
      stopping = true;
      lock.notifyAll();
      a = current;
      current = null;
      m = monitor;
      if (probe != null) {
        probe.interrupt();
      }
    }
    if (a != null) {
      a.stopNow(grace);
    }
    if (m != null && m != Thread.currentThread()) {
      try {
        m.join(grace.plusSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log.close();
  }

  /** Whether {@link #stop} was called or the plugin failed. */
  boolean stopped() {
    synchronized (lock) {
      return stopping;
    }
  }

  /** Used by tests and the failure path: the plugin's failure, as {@link HangarException}. */
  static HangarException startFailed(String name, String why) {
    return new HangarException(ErrorCode.PLUGIN_START_FAILED,
        "managed plugin " + name + " did not start: " + why);
  }
}
