package dev.hangar.internal.resource;

import dev.hangar.protocol.internal.http.Http1Syntax;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;

/**
 * A response body read from its connection: by {@code Content-Length}, by the chunked transfer
 * coding, or until the server closes. Both a stream and a channel: {@link Transfer} reads it as a
 * channel into a direct buffer, so the bytes go from the socket to the file without passing
 * through the heap. A body that ends before its declared length throws {@link EOFException}.
 * Closing it closes the connection. Not thread-safe.
 */
final class SocketBody extends InputStream implements ReadableByteChannel {
  private static final int MAX_CHUNK_LINE = 8 * 1024;
  private static final int MAX_TRAILERS = 64 * 1024;

  private final WireReader in;
  private final boolean chunked;
  private final String what;
  private long left; // fixed length or current chunk: bytes still to come; -1 until close
  private boolean firstChunk = true;
  private boolean ended;
  private boolean closed;
  private long received;

  /**
   * @param what the resource, for messages
   */
  SocketBody(WireReader in, ResponseHead head, String what) {
    this.in = in;
    this.what = what;
    this.chunked = head.chunked();
    this.left = head.bodyless() ? 0 : head.chunked() ? 0 : head.contentLength();
    this.ended = head.bodyless() || (!chunked && left == 0);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    if (ended) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (chunked && left == 0 && !nextChunk()) {
      return -1;
    }
    if (left < 0) {
      int n = in.read(dst);
      if (n < 0) {
        ended = true;
      } else {
        received += n;
      }
      return n;
    }
    int limit = dst.limit();
    if (dst.remaining() > left) {
      dst.limit(dst.position() + (int) left);
    }
    int n;
    try {
      n = in.read(dst);
    } finally {
      dst.limit(limit);
    }
    if (n < 0) {
      throw new EOFException("connection closed by the server after " + received
          + " bytes of the body of " + what + (chunked ? " (in a chunk)" : ", "
          + left + " bytes short"));
    }
    received += n;
    left -= n;
    if (!chunked && left == 0) {
      ended = true;
    }
    return n;
  }

  /** Reads the next chunk's size line; false at the last chunk (the trailers are skipped). */
  private boolean nextChunk() throws IOException {
    int[] budget = {MAX_CHUNK_LINE};
    if (!firstChunk && !in.readLine(budget, "chunk delimiter").isEmpty()) {
      throw new ProtocolException("malformed chunked body of " + what + ": no CRLF after a chunk");
    }
    firstChunk = false;
    budget[0] = MAX_CHUNK_LINE;
    String line = in.readLine(budget, "chunk size line");
    long size = Http1Syntax.chunkSize(line, what);
    if (size == 0) {
      int[] trailers = {MAX_TRAILERS};
      while (!in.readLine(trailers, "chunked trailer").isEmpty()) {
        // trailers are not used
      }
      ended = true;
      return false;
    }
    left = size;
    return true;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n;
    do {
      n = read(one, 0, 1);
    } while (n == 0);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    return len == 0 ? 0 : read(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      in.close();
    }
  }
}
