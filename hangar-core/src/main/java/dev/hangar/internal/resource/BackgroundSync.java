package dev.hangar.internal.resource;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Forces a download's bytes to disk while it is still being written, so that the final
 * {@link FileChannel#force} before the rename has little left to do: a thread of its own calls
 * {@code force(false)} whenever at least {@link #STEP} bytes were written since its last one.
 * The durability guarantee is unchanged (the caller still forces the whole file before the
 * rename); this only moves most of the disk writing into the time of the transfer.
 *
 * <p>A force that fails is reported by the next {@link #written} or by {@link #finish}; never
 * swallowed. {@link #close} stops the thread and waits for it (safe to repeat). Thread-safe.
 */
public final class BackgroundSync implements AutoCloseable {
  /** Bytes written between two background forces. */
  public static final long STEP = 32L << 20;

  /** Does nothing: for downloads that are not forced to disk. */
  public static final BackgroundSync NONE = new BackgroundSync();

  private final FileChannel channel;
  private final Thread thread;
  private long written;
  private long forced;
  private boolean stopped;
  private boolean forcing;
  private IOException failure;

  private BackgroundSync() {
    this.channel = null;
    this.thread = null;
  }

  private BackgroundSync(FileChannel channel) {
    this.channel = channel;
    this.thread = Thread.ofPlatform().name("hangar-background-sync").daemon()
        .unstarted(this::run);
  }

  /** Starts forcing {@code channel} in the background. */
  public static BackgroundSync start(FileChannel channel) {
    BackgroundSync s = new BackgroundSync(channel);
    s.thread.start();
    return s;
  }

  /**
   * Counts {@code n} more bytes written to the channel.
   *
   * @throws IOException when an earlier background force failed
   */
  public void written(long n) throws IOException {
    if (thread == null) {
      return;
    }
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
      written += n;
      if (written - forced >= STEP) {
        notifyAll();
      }
    }
  }

  /**
   * Stops the background forces, waiting for one under way.
   *
   * @throws IOException when a background force failed
   */
  public void finish() throws IOException {
    close();
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
    }
  }

  private void run() {
    while (true) {
      long target;
      synchronized (this) {
        while (!stopped && written - forced < STEP) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (stopped) {
          return;
        }
        target = written;
        forcing = true;
      }
      IOException failed = null;
      try {
        channel.force(false);
      } catch (IOException e) {
        failed = e;
      }
      synchronized (this) {
        forcing = false;
        forced = target;
        notifyAll();
        if (failed != null) {
          // Kept even when stopped: the kernel reports a write-back error to one force only.
          failure = failed;
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    synchronized (this) {
      stopped = true;
      notifyAll();
      boolean interrupted = false;
      while (forcing) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
