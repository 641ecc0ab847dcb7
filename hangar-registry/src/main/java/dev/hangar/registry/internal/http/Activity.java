package dev.hangar.registry.internal.http;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * When bytes last moved on an exchange, and a wait on the exchange that gives up when nothing
 * moved for the stall timeout (the JDK client has no read timeout for bodies).
 */
public final class Activity {
  private volatile long last = System.nanoTime();

  /** Bytes moved (or the exchange started or answered). */
  public void touch() {
    last = System.nanoTime();
  }

  /** Thrown by {@link #await} when nothing moved for the stall timeout. */
  public static final class Stalled extends Exception {
    private static final long serialVersionUID = 1L;

    Stalled() {
      super("stalled", null, false, false);
    }
  }

  /**
   * Waits for {@code f}, cancelling it (which aborts the exchange) when nothing moved for
   * {@code stall}.
   *
   * @param f the exchange
   * @param stall the stall timeout
   * @param <T> its result
   * @return its result
   * @throws ExecutionException when it failed
   * @throws Stalled when it stalled (it is cancelled)
   * @throws InterruptedException when interrupted (it is cancelled)
   */
  public <T> T await(CompletableFuture<T> f, Duration stall)
      throws ExecutionException, Stalled, InterruptedException {
    long stallNanos = stall.toNanos();
    while (true) {
      long left = last + stallNanos - System.nanoTime();
      if (left <= 0) {
        f.cancel(true);
        throw new Stalled();
      }
      try {
        return f.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // Loop: bytes may have moved since; the deadline moves with them.
      } catch (CancellationException e) {
        throw new ExecutionException(new java.io.IOException("cancelled", e));
      } catch (InterruptedException e) {
        f.cancel(true);
        throw e;
      }
    }
  }
}
