package dev.hangar.internal.resource;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives up on a download that stops moving. When nothing moves for the stall timeout (no read of
 * the body returns, from the start of the download on), it closes the response being read and interrupts
 * the downloading thread: a read blocked in a plugin's stream ends, and so does a plugin call
 * that heeds interrupts. One per download, opened and closed on the downloading thread.
 */
public final class StallWatch implements AutoCloseable {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hangar-download-watch");
        t.setDaemon(true);
        return t;
      });

  private final Duration limit;
  private final Thread worker = Thread.currentThread();
  private final ScheduledFuture<?> check;
  private volatile long last = System.nanoTime();
  private volatile AutoCloseable reading;
  /** Set once a body with an idle timeout of its own is read (the built-in HTTP client's). */
  private volatile boolean ownTimeout;
  /** Set while Hangar works on its own files (not waiting for the client). */
  private volatile boolean suspended;
  /** Guarded by {@code this}. */
  private boolean stalled;
  /** Guarded by {@code this}. */
  private boolean closed;

  private StallWatch(Duration limit) {
    this.limit = limit;
    long every = Math.clamp(limit.toMillis() / 4, 10, 1000);
    this.check = TIMER.scheduleWithFixedDelay(this::look, every, every, TimeUnit.MILLISECONDS);
  }

  /** Starts watching the calling thread's download. */
  public static StallWatch start(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("stall timeout must be positive: " + limit);
    }
    return new StallWatch(limit);
  }

  /** The stall timeout. */
  public Duration limit() {
    return limit;
  }

  /** The response now being read: closed when the download stalls. */
  public void reading(AutoCloseable response) {
    reading = response;
  }

  /**
   * {@code body} as it should be read: the built-in HTTP client's body as it is (it has an idle
   * timeout of its own, and its fast path needs the very object), with the watch suspended;
   * any other stream wrapped so that every read that returns counts as movement (a slow stream
   * fills a buffer slowly, but it moves).
   */
  public InputStream watched(InputStream body) {
    if (body instanceof SocketBody) {
      ownTimeout = true;
      return body;
    }
    return new FilterInputStream(body) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        last = System.nanoTime();
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        last = System.nanoTime();
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long k = super.skip(n);
        last = System.nanoTime();
        return k;
      }
    };
  }

  /**
   * Hangar works on its own files from now on (hashing a partial file, forcing it to disk): not
   * a stall, however long it takes. {@link #resume} ends it.
   */
  public void suspend() {
    suspended = true;
  }

  /** Waiting for the client again, from now on. */
  public void resume() {
    last = System.nanoTime();
    suspended = false;
  }

  /** Whether it gave up on the download. */
  public synchronized boolean stalled() {
    return stalled;
  }

  private void look() {
    if (ownTimeout || suspended || System.nanoTime() - last < limit.toNanos()) {
      return;
    }
    synchronized (this) {
      if (closed || stalled) {
        return;
      }
      stalled = true;
    }
    worker.interrupt();
    AutoCloseable r = reading;
    if (r != null) {
      // on a thread of its own: a plugin's close may block too, and this timer serves every
      // download of the JVM
      Thread closer = new Thread(() -> {
        try {
          r.close();
        } catch (Exception ignored) {
          // it is being abandoned; the read fails either way
        }
      }, "hangar-download-abandon");
      closer.setDaemon(true);
      closer.start();
    }
  }

  /** Stops watching; clears the interrupt it sent, if it sent one. Call on the same thread. */
  @Override
  public void close() {
    boolean sent;
    synchronized (this) {
      closed = true;
      sent = stalled;
    }
    check.cancel(false);
    if (sent) {
      Thread.interrupted();
    }
  }
}
