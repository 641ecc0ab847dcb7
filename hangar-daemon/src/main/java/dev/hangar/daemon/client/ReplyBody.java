package dev.hangar.daemon.client;

import dev.hangar.protocol.internal.http.Http1Syntax;
import dev.hangar.protocol.internal.http.ResponseHead;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.function.Consumer;

/**
 * A reply body, framed by {@code Content-Length}, chunked encoding or the end of the connection.
 * At its end, early close or a read error, {@code release} gets the connection back: open when it
 * may serve another request (the body was read to its end, keep-alive, nothing buffered past it),
 * else already closed.
 *
 * <p>One reader at a time, as any InputStream.
 */
abstract class ReplyBody extends InputStream {
  final Connection conn;
  final Wire in;
  private final boolean keepAlive;
  private final Consumer<Connection> release;
  private boolean done;
  private boolean closed;

  private ReplyBody(Connection conn, boolean keepAlive, Consumer<Connection> release) {
    this.conn = conn;
    this.in = conn.in;
    this.keepAlive = keepAlive;
    this.release = release;
  }

  /** The body of the reply {@code head}; {@code release} takes the connection back. */
  static ReplyBody of(ResponseHead head, Connection conn, Consumer<Connection> release) {
    if (head.chunked()) {
      return new Chunked(conn, head.keepAlive(), release);
    }
    if (head.contentLength() >= 0) {
      return new Fixed(conn, head.keepAlive(), release, head.contentLength());
    }
    return new UntilClose(conn, release);
  }

  abstract int readBody(byte[] b, int off, int len) throws IOException;

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("reply body is closed");
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
      finish(false);
      throw e;
    }
    if (n < 0) {
      finish(keepAlive && !in.hasBuffered());
    }
    return n;
  }

  private void finish(boolean reusable) {
    done = true;
    if (!reusable) {
      conn.close();
    }
    release.accept(conn);
  }

  /** Closes the body; before its end, this closes the connection. */
  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      if (!done) {
        finish(false);
      }
    }
  }

  static EOFException truncated() {
    return new EOFException("connection closed before the end of the reply body");
  }

  private static final class Fixed extends ReplyBody {
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

  private static final class UntilClose extends ReplyBody {
    UntilClose(Connection c, Consumer<Connection> release) {
      super(c, false, release);
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }
  }

  private static final class Chunked extends ReplyBody {
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
          int[] budget = {ResponseHead.MAX_HEAD_BYTES};
          while (!in.readHeadLine(budget).isEmpty()) {
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
      if (chunkLeft == 0 && !in.readHeadLine(new int[] {2}).isEmpty()) {
        throw new ProtocolException("chunk data not followed by CRLF");
      }
      return n;
    }

    private long nextChunkSize() throws IOException {
      try {
        return Http1Syntax.chunkSize(in.readHeadLine(new int[] {4096}), null);
      } catch (EOFException e) {
        throw truncated();
      }
    }
  }
}
