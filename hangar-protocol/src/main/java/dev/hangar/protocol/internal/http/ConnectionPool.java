package dev.hangar.protocol.internal.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The idle connections of one client, most recently used first (LIFO, so a burst leaves the
 * oldest to time out). At most {@code max} are kept; those idle longer than the idle timeout are
 * closed by a sweep on the shared timer. Thread-safe.
 */
final class ConnectionPool {
  private final int max;
  private final long idleNanos;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private boolean closed;
  private ScheduledFuture<?> sweep;

  ConnectionPool(int max, long idleNanos) {
    this.max = max;
    this.idleNanos = idleNanos;
  }

  /** The most recently used idle connection still fresh, or null. */
  Connection take() {
    List<Connection> stale = null;
    Connection found = null;
    long now = System.nanoTime();
    synchronized (this) {
      while (!idle.isEmpty()) {
        Connection c = idle.pollFirst();
        if (now - c.idleSinceNanos < idleNanos && !c.isClosed()) {
          found = c;
          break;
        }
        (stale == null ? stale = new ArrayList<>() : stale).add(c);
      }
    }
    closeAll(stale);
    return found;
  }

  /** Keeps {@code c} for reuse, or closes it when the pool is full or closed. */
  void offer(Connection c) {
    if (c.isClosed()) {
      return;
    }
    c.idleSinceNanos = System.nanoTime();
    Connection evicted = null;
    synchronized (this) {
      if (closed || max == 0) {
        evicted = c;
      } else {
        idle.addFirst(c);
        if (idle.size() > max) {
          evicted = idle.pollLast();
        }
        if (sweep == null) {
          sweep = Watchdog.schedule(this::sweep, idleNanos);
        }
      }
    }
    if (evicted != null) {
      evicted.close();
    }
  }

  /** Closes the connections idle too long; runs on the shared timer while any are idle. */
  private void sweep() {
    List<Connection> stale = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (this) {
      sweep = null;
      for (Iterator<Connection> it = idle.iterator(); it.hasNext(); ) {
        Connection c = it.next();
        if (now - c.idleSinceNanos >= idleNanos || c.isClosed()) {
          it.remove();
          stale.add(c);
        }
      }
      Connection oldest = idle.peekLast();
      if (oldest != null && !closed) {
        sweep = Watchdog.schedule(this::sweep,
            Math.max(1, oldest.idleSinceNanos + idleNanos - now));
      }
    }
    closeAll(stale);
  }

  /** The number of idle connections (for tests). */
  synchronized int idleCount() {
    return idle.size();
  }

  /** Closes every idle connection; later offers close theirs. Repeatable. */
  void close() {
    List<Connection> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(idle);
      idle.clear();
      if (sweep != null) {
        sweep.cancel(false);
        sweep = null;
      }
    }
    closeAll(all);
  }

  private static void closeAll(List<Connection> cs) {
    if (cs != null) {
      cs.forEach(Connection::close);
    }
  }
}
