package dev.hangar.protocol.internal.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open connection to a plugin: a unix socket channel, a TCP socket or a TLS socket over one.
 *
 * <p>Used by one call at a time; only {@link #close()} may come from another thread (the
 * watchdog), and it unblocks a read or write in progress.
 */
final class Connection {
  private final Closeable transport;
  private final OutputStream out;
  private final AtomicBoolean closed = new AtomicBoolean();
  final HttpInput in;
  final byte[] scratch = new byte[8 * 1024];
  long idleSinceNanos;

  /**
   * @param transport what {@link #close()} closes: the channel, or the plain TCP socket under
   *     any TLS layer (closing that one never blocks on a TLS alert)
   * @param in the raw input
   * @param out the raw output
   */
  Connection(Closeable transport, InputStream in, OutputStream out) {
    this.transport = transport;
    this.in = new HttpInput(in);
    this.out = out;
  }

  void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  void flush() throws IOException {
    out.flush();
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Closes the connection; safe from any thread, repeatable. */
  void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        transport.close();
      } catch (IOException e) {
        // nothing to do: the connection is gone either way
      }
    }
  }
}
