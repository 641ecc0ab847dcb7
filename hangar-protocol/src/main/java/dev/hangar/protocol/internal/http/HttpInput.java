package dev.hangar.protocol.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The buffered reading side of a connection: lines for the response head and chunk sizes, raw
 * bytes for bodies. Counts what it received so that the client can tell "the plugin sent
 * nothing" (a stale pooled connection) from "the reply broke off".
 */
final class HttpInput implements ResponseHead.LineSource {
  private final InputStream in;
  private final byte[] buf = new byte[16 * 1024];
  private int pos;
  private int lim;
  private long received;

  HttpInput(InputStream in) {
    this.in = in;
  }

  /** Bytes received from the socket since the last {@link #resetReceived()}. */
  long received() {
    return received;
  }

  /** Starts counting anew, before a request is sent. */
  void resetReceived() {
    received = 0;
  }

  private int fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n > 0) {
      pos = 0;
      lim = n;
      received += n;
    }
    return n;
  }

  /** {@link #readLine}, for {@link ResponseHead}. */
  @Override
  public String readHeadLine(int[] budget) throws IOException {
    return readLine(budget);
  }

  /**
   * Reads one line without its CR LF, charging its length to {@code budget[0]}.
   *
   * @throws EOFException when the connection ends first
   * @throws ProtocolViolation when the line passes the budget
   */
  String readLine(int[] budget) throws IOException {
    byte[] partial = null;
    int partialLen = 0;
    while (true) {
      if (pos >= lim && fill() < 0) {
        throw new EOFException(received == 0 && partialLen == 0
            ? "connection closed before any reply" : "connection closed in the reply head");
      }
      int start = pos;
      int nl = -1;
      for (int i = pos; i < lim; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? lim : nl;
      int len = end - start;
      budget[0] -= len + (nl < 0 ? 0 : 1);
      if (budget[0] < 0) {
        throw new ProtocolViolation("reply head too large (limit "
            + HttpPluginClient.MAX_HEAD_BYTES + " bytes)");
      }
      if (nl >= 0) {
        pos = nl + 1;
        if (partial == null) {
          int l = len > 0 && buf[end - 1] == '\r' ? len - 1 : len;
          return new String(buf, start, l, StandardCharsets.ISO_8859_1);
        }
        partial = append(partial, partialLen, buf, start, len);
        partialLen += len;
        int l = partialLen > 0 && partial[partialLen - 1] == '\r' ? partialLen - 1 : partialLen;
        return new String(partial, 0, l, StandardCharsets.ISO_8859_1);
      }
      partial = append(partial == null ? new byte[256] : partial, partialLen, buf, start, len);
      partialLen += len;
      pos = lim;
    }
  }

  private static byte[] append(byte[] to, int toLen, byte[] from, int off, int len) {
    byte[] out = to.length >= toLen + len
        ? to : Arrays.copyOf(to, Math.max(to.length * 2, toLen + len));
    System.arraycopy(from, off, out, toLen, len);
    return out;
  }

  /** Reads up to {@code len} bytes; -1 at the end of the connection. */
  int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos >= lim) {
      if (len >= buf.length) {
        int n = in.read(b, off, len);
        if (n > 0) {
          received += n;
        }
        return n;
      }
      if (fill() < 0) {
        return -1;
      }
    }
    int n = Math.min(len, lim - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  /** Reads one byte; -1 at the end of the connection. */
  int read() throws IOException {
    if (pos >= lim && fill() < 0) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  /** Whether bytes beyond the current reply already arrived (the connection is then unusable). */
  boolean hasBuffered() {
    return pos < lim;
  }
}
