package dev.hangar.internal.resource;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The reading side of a {@link SocketConnection}: lines (the response head, chunk sizes) through a
 * small buffer, body bytes from what is left in that buffer and then straight from the socket into
 * the caller's buffer. Not thread-safe.
 */
final class WireReader implements dev.hangar.protocol.internal.http.ResponseHead.LineSource {
  /** The line buffer; also bounds one line. */
  static final int BUFFER_SIZE = 16 * 1024;

  private final SocketConnection connection;
  // Read mode: position..limit holds bytes received and not yet consumed.
  private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_SIZE).flip();

  WireReader(SocketConnection connection) {
    this.connection = connection;
  }

  /**
   * Reads one line without its CRLF (or bare LF), as ISO-8859-1.
   *
   * @param budget the bytes the caller still allows, decremented by the line's length
   * @param what what is read, for messages ("response head", "chunk size")
   * @throws EOFException when the connection ends first
   * @throws ProtocolException when the line exceeds the budget or the buffer
   */
  String readLine(int[] budget, String what) throws IOException {
    int scanned = 0;
    while (true) {
      for (int i = buf.position() + scanned; i < buf.limit(); i++) {
        if (buf.get(i) == '\n') {
          int len = i - buf.position();
          budget[0] -= len + 1;
          if (budget[0] < 0) {
            throw new ProtocolException(what + " too large");
          }
          int end = len > 0 && buf.get(i - 1) == '\r' ? i - 1 : i;
          byte[] line = new byte[end - buf.position()];
          buf.get(line);
          buf.position(i + 1);
          return new String(line, StandardCharsets.ISO_8859_1);
        }
      }
      scanned = buf.remaining();
      if (scanned >= budget[0] || scanned >= BUFFER_SIZE) {
        throw new ProtocolException(what + " too large (a line over "
            + Math.min(budget[0], BUFFER_SIZE) + " bytes)");
      }
      buf.compact();
      int n;
      try {
        n = connection.read(buf);
      } finally {
        buf.flip();
      }
      if (n < 0) {
        throw new EOFException("connection closed in the " + what);
      }
    }
  }

  /** A line of the response head: {@link #readLine} for the shared head parser. */
  @Override
  public String readHeadLine(int[] budget) throws IOException {
    return readLine(budget, "response head");
  }

  /**
   * Reads body bytes into {@code dst}: first any left in the line buffer, else from the socket.
   *
   * @return the bytes read, or -1 at the end of the stream
   */
  int read(ByteBuffer dst) throws IOException {
    if (buf.hasRemaining()) {
      int n = Math.min(buf.remaining(), dst.remaining());
      int limit = buf.limit();
      buf.limit(buf.position() + n);
      dst.put(buf);
      buf.limit(limit);
      return n;
    }
    return connection.read(dst);
  }

  /** Closes the connection. */
  void close() throws IOException {
    connection.close();
  }
}
