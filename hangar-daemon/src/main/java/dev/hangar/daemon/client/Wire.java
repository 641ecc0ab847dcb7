package dev.hangar.daemon.client;

import dev.hangar.protocol.internal.http.ResponseHead;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * The buffered reading side of a connection: lines (reply head, chunk sizes) and raw bytes
 * (bodies). Counts the bytes received, so that a reused connection the daemon had already closed
 * (nothing received) can be told from a reply that broke off.
 */
final class Wire implements ResponseHead.LineSource {
  private final InputStream in;
  private final byte[] buf = new byte[16 * 1024];
  private int pos;
  private int lim;
  private long received;

  Wire(InputStream in) {
    this.in = in;
  }

  /** Bytes received since the last {@link #resetReceived()}. */
  long received() {
    return received;
  }

  void resetReceived() {
    received = 0;
  }

  /** Whether bytes past the current reply already arrived (the connection cannot be reused). */
  boolean hasBuffered() {
    return pos < lim;
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

  @Override
  public String readHeadLine(int[] budget) throws IOException {
    StringBuilder line = null;
    while (true) {
      if (pos >= lim && fill() < 0) {
        throw new EOFException(received == 0 ? "connection closed before any reply"
            : "connection closed in the middle of a line");
      }
      int nl = -1;
      for (int i = pos; i < lim; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? lim : nl;
      budget[0] -= end - pos + (nl < 0 ? 0 : 1);
      if (budget[0] < 0) {
        throw new ProtocolException("reply line too long");
      }
      String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
      pos = nl < 0 ? lim : nl + 1;
      line = line == null ? new StringBuilder(part) : line.append(part);
      if (nl >= 0) {
        int l = line.length();
        return l > 0 && line.charAt(l - 1) == '\r' ? line.substring(0, l - 1) : line.toString();
      }
    }
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
}
