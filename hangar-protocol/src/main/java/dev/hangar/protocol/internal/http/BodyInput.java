package dev.hangar.protocol.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * A reply body as a stream, framed by {@code Content-Length}, chunked encoding or the end of the
 * connection. At the end of the body the connection goes back to the pool when it may be reused;
 * closing the stream early, or any read error, closes the connection instead.
 *
 * <p>Not thread-safe: one reader at a time, as any InputStream.
 */
abstract class BodyInput extends InputStream {
  final Connection conn;
  final HttpInput in;
  private final boolean keepAlive;
  private final Consumer<Connection> release;
  private boolean done;
  private boolean closed;

  private BodyInput(Connection conn, boolean keepAlive, Consumer<Connection> release) {
    this.conn = conn;
    this.in = conn.in;
    this.keepAlive = keepAlive;
    this.release = release;
  }

  /** The body of the reply {@code head} on {@code conn}; {@code release} takes it back. */
  static BodyInput of(ResponseHead head, Connection conn, Consumer<Connection> release) {
    if (head.chunked()) {
      return new Chunked(conn, head.keepAlive(), release);
    }
    if (head.contentLength() >= 0) {
      return new Fixed(conn, head.keepAlive(), release, head.contentLength());
    }
    return new UntilClose(conn, release);
  }

  /** Reads body bytes; -1 at the end of the body. */
  abstract int readBody(byte[] b, int off, int len) throws IOException;

  /** Whether the whole body was read. */
  final boolean isDone() {
    return done;
  }

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("reply body stream is closed");
    }
    if (done) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = readBody(b, off, len);
    } catch (IOException | RuntimeException e) {
      done = true;
      conn.close();
      throw e;
    }
    if (n < 0) {
      done = true;
      if (keepAlive && !in.hasBuffered()) {
        release.accept(conn);
      } else {
        conn.close();
      }
    }
    return n;
  }

  /** Closes the stream; before the end of the body this also closes the connection. */
  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      if (!done) {
        done = true;
        conn.close();
      }
    }
  }

  static EOFException truncated() {
    return new EOFException("connection closed before the end of the reply body");
  }

  private static final class Fixed extends BodyInput {
    private long remaining;

    Fixed(Connection c, boolean keepAlive, Consumer<Connection> release, long length) {
      super(c, keepAlive, release);
      this.remaining = length;
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw truncated();
      }
      remaining -= n;
      return n;
    }
  }

  private static final class UntilClose extends BodyInput {
    UntilClose(Connection c, Consumer<Connection> release) {
      super(c, false, release);
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }
  }

  private static final class Chunked extends BodyInput {
    private long chunkLeft;
    private boolean last;

    Chunked(Connection c, boolean keepAlive, Consumer<Connection> release) {
      super(c, keepAlive, release);
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      if (last) {
        return -1;
      }
      if (chunkLeft == 0) {
        chunkLeft = nextChunkSize();
        if (chunkLeft == 0) {
          int[] budget = {HttpPluginClient.MAX_HEAD_BYTES};
          while (!in.readLine(budget).isEmpty()) {
            // trailers are ignored
          }
          last = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw truncated();
      }
      chunkLeft -= n;
      if (chunkLeft == 0) {
        int[] budget = {2};
        if (!in.readLine(budget).isEmpty()) {
          throw new ProtocolViolation("chunk data not followed by CRLF");
        }
      }
      return n;
    }

    private long nextChunkSize() throws IOException {
      int[] budget = {4096};
      String line;
      try {
        line = in.readLine(budget);
      } catch (EOFException e) {
        throw truncated();
      }
      return Http1Syntax.chunkSize(line, null);
    }
  }
}
