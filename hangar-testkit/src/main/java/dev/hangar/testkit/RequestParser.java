package dev.hangar.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/** Reads HTTP/1.1 requests off one connection for {@link RawPluginServer}, byte-exact. */
final class RequestParser {
  private static final int MAX_HEAD = 64 * 1024;

  private final InputStream in;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int lim;

  RequestParser(InputStream in) {
    this.in = in;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }

  /** The next line including its line end, appended to {@code raw}; null at a clean EOF. */
  private String line(ByteArrayOutputStream raw, boolean eofOk) throws IOException {
    int start = raw.size();
    while (true) {
      if (pos >= lim && !fill()) {
        if (eofOk && raw.size() == 0) {
          return null;
        }
        throw new EOFException("connection closed inside a request head");
      }
      byte b = buf[pos++];
      raw.write(b);
      if (raw.size() > MAX_HEAD) {
        throw new IOException("request head too large");
      }
      if (b == '\n') {
        byte[] all = raw.toByteArray();
        int end = all.length - 1;
        if (end > start && all[end - 1] == '\r') {
          end--;
        }
        return new String(all, start, end - start, StandardCharsets.ISO_8859_1);
      }
    }
  }

  /**
   * Reads one request; null when the client closed the connection between requests.
   *
   * @param recordLimit how many body bytes to keep
   * @param readBody false to leave the body unread (it is then recorded as empty)
   */
  RecordedRequest next(int connection, int sequence, int recordLimit, boolean readBody)
      throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    String requestLine = line(head, true);
    if (requestLine == null) {
      return null;
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    long contentLength = 0;
    boolean chunked = false;
    while (true) {
      String h = line(head, false);
      if (h.isEmpty()) {
        break;
      }
      int colon = h.indexOf(':');
      String name = colon < 0 ? h : h.substring(0, colon);
      String value = colon < 0 ? "" : h.substring(colon + 1).strip();
      headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
      }
    }
    Body body = new Body(recordLimit);
    if (!readBody) {
      // left for nobody: the caller closes the connection after answering
    } else if (chunked) {
      while (true) {
        String sizeLine = line(new ByteArrayOutputStream(), false);
        int semi = sizeLine.indexOf(';');
        long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
        if (size == 0) {
          while (!line(new ByteArrayOutputStream(), false).isEmpty()) {
            // trailers
          }
          break;
        }
        copy(size, body);
        line(new ByteArrayOutputStream(), false);
      }
    } else {
      copy(contentLength, body);
    }
    return new RecordedRequest(connection, sequence, head.toByteArray(), requestLine, headers,
        body.kept.toByteArray(), body.length, body.crc.getValue(), chunked);
  }

  private void copy(long n, Body body) throws IOException {
    while (n > 0) {
      if (pos >= lim && !fill()) {
        throw new EOFException("connection closed inside a request body");
      }
      int k = (int) Math.min(n, lim - pos);
      body.add(buf, pos, k);
      pos += k;
      n -= k;
    }
  }

  private static final class Body {
    final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    final CRC32 crc = new CRC32();
    final int limit;
    long length;

    Body(int limit) {
      this.limit = limit;
    }

    void add(byte[] b, int off, int len) {
      crc.update(b, off, len);
      length += len;
      int keep = Math.min(len, Math.max(0, limit - kept.size()));
      kept.write(b, off, keep);
    }
  }
}
