package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who may run an exec call now: a host-wide limit on running calls and, for {@code queue = true}
 * domains, one call of the domain at a time.
 *
 * <p>Both are fair semaphores, so waiting callers go in arrival order. A queued domain's caller
 * takes its domain's permit first and the host-wide one second; a caller never waits for a
 * domain permit while holding a host-wide one, so the two cannot deadlock, and a queue of one
 * domain holds at most one host-wide permit (the others wait outside the host-wide line). An
 * interrupted waiter gives back what it already took.
 */
final class ExecLimiter {
  private final Semaphore host;
  private final ConcurrentHashMap<String, Semaphore> queues = new ConcurrentHashMap<>();

  ExecLimiter(int concurrency) {
    this.host = new Semaphore(concurrency, true);
  }

  /**
   * Waits for the right to run one call of {@code d}.
   *
   * @throws InterruptedException if interrupted while waiting (nothing is held then)
   */
  Permit acquire(ExecDomain d) throws InterruptedException {
    Semaphore queue = d.queue() ? queues.computeIfAbsent(d.name(), k -> new Semaphore(1, true))
        : null;
    if (queue != null) {
      queue.acquire();
    }
    try {
      host.acquire();
    } catch (InterruptedException | RuntimeException e) {
      if (queue != null) {
        queue.release();
      }
      throw e;
    }
    return new Permit(queue);
  }

  /** Callers waiting in {@code domain}'s queue (0 for a domain never queued). For tests. */
  int waitingInQueue(String domain) {
    Semaphore q = queues.get(domain);
    return q == null ? 0 : q.getQueueLength();
  }

  /** Callers waiting for a host-wide permit. For tests. */
  int waitingForHost() {
    return host.getQueueLength();
  }

  /** The right to run one call; {@link #close()} gives it back, once. */
  final class Permit implements AutoCloseable {
    private final Semaphore queue;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Permit(Semaphore queue) {
      this.queue = queue;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        host.release();
        if (queue != null) {
          queue.release();
        }
      }
    }
  }
}
