package dev.hangar.protocol.internal.http;

import dev.hangar.protocol.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes requests as Docker's Go client does: {@code POST /<method> HTTP/1.1}, then {@code Host},
 * {@code User-Agent}, {@code Content-Length} (or {@code Transfer-Encoding: chunked}) and
 * {@code Accept}, in that order, and no {@code Content-Type}. A small request goes out in one
 * write.
 */
final class RequestWriter {
  static final String USER_AGENT = "Hangar";
  private static final byte[] ACCEPT =
      ("Accept: " + Wire.ACCEPT + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHUNKED =
      "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int UPLOAD_CHUNK = 64 * 1024;

  /** The caller's request body stream failed (not the connection). */
  static final class SourceFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SourceFailed(IOException cause) {
      super(cause);
    }

    IOException io() {
      return (IOException) getCause();
    }
  }

  /** Tracks whether any byte of an upload was taken from the caller's stream. */
  static final class Upload {
    final InputStream source;
    final long length;
    boolean started;

    Upload(InputStream source, long length) {
      this.source = source;
      this.length = length;
    }
  }

  private final byte[] hostAndAgent;

  /** @param host the {@code Host} value: {@code plugin.moby.localhost} or {@code host:port} */
  RequestWriter(String host) {
    this.hostAndAgent = ("Host: " + host + "\r\nUser-Agent: " + USER_AGENT + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The request target for a wire method: a leading {@code /} is added when missing; a query
   * string passes through.
   *
   * @throws IllegalArgumentException when the method is empty or has spaces, controls or
   *     non-ASCII characters
   */
  static String target(String method) {
    if (method == null || method.isEmpty() || method.equals("/")) {
      throw new IllegalArgumentException("missing wire method");
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException("wire method has a character not allowed in a "
            + "request line at index " + i + ": '" + method + "'");
      }
    }
    return method.charAt(0) == '/' ? method : "/" + method;
  }

  /** The head of a request, into {@code buf} when it fits; returns the array and its length. */
  private byte[] head(Connection c, String target, long contentLength, int[] len) {
    int need = 5 + target.length() + 11 + hostAndAgent.length + 40 + ACCEPT.length;
    byte[] b = need <= c.scratch.length ? c.scratch : new byte[need];
    int p = put(b, 0, "POST ");
    p = put(b, p, target);
    p = put(b, p, " HTTP/1.1\r\n");
    System.arraycopy(hostAndAgent, 0, b, p, hostAndAgent.length);
    p += hostAndAgent.length;
    if (contentLength < 0) {
      System.arraycopy(CHUNKED, 0, b, p, CHUNKED.length);
      p += CHUNKED.length;
    } else {
      p = put(b, p, "Content-Length: ");
      p = put(b, p, Long.toString(contentLength));
      b[p++] = '\r';
      b[p++] = '\n';
    }
    System.arraycopy(ACCEPT, 0, b, p, ACCEPT.length);
    len[0] = p + ACCEPT.length;
    return b;
  }

  private static int put(byte[] b, int p, String ascii) {
    int n = ascii.length();
    for (int i = 0; i < n; i++) {
      b[p + i] = (byte) ascii.charAt(i);
    }
    return p + n;
  }

  /**
   * Writes a request with a buffered body followed by a newline, or with no body at all.
   *
   * @param json the JSON body without its newline, or null for an empty body
   */
  void write(Connection c, String target, byte[] json) throws IOException {
    int[] len = new int[1];
    long contentLength = json == null ? 0 : json.length + 1L;
    byte[] h = head(c, target, contentLength, len);
    int n = len[0];
    if (json == null) {
      c.write(h, 0, n);
    } else if (h == c.scratch && n + json.length + 1 <= h.length) {
      System.arraycopy(json, 0, h, n, json.length);
      h[n + json.length] = '\n';
      c.write(h, 0, n + json.length + 1);
    } else {
      byte[] all = Arrays.copyOf(h, n + json.length + 1);
      System.arraycopy(json, 0, all, n, json.length);
      all[all.length - 1] = '\n';
      c.write(all, 0, all.length);
    }
    c.flush();
  }

  /**
   * Streams an upload: with {@code Content-Length} when its length is known, chunked otherwise.
   * Reports progress to the watchdog after every piece.
   *
   * @throws SourceFailed when the caller's stream fails
   * @throws IllegalArgumentException when the stream ends before its declared length
   */
  void write(Connection c, String target, Upload up, Watchdog dog) throws IOException {
    int[] len = new int[1];
    byte[] h = head(c, target, up.length, len);
    c.write(h, 0, len[0]);
    boolean chunked = up.length < 0;
    // Room for the chunk-size line before the data and the CRLF after it: one write per chunk.
    int off = 10;
    byte[] buf = new byte[off + UPLOAD_CHUNK + 2];
    long left = up.length;
    while (chunked || left > 0) {
      int want = chunked ? UPLOAD_CHUNK : (int) Math.min(UPLOAD_CHUNK, left);
      up.started = true;
      int n;
      try {
        n = up.source.read(buf, off, want);
      } catch (IOException e) {
        throw new SourceFailed(e);
      }
      if (n < 0) {
        if (!chunked) {
          throw new IllegalArgumentException("request body ended after " + (up.length - left)
              + " of its declared " + up.length + " bytes");
        }
        break;
      }
      if (n == 0) {
        continue;
      }
      if (chunked) {
        String size = Integer.toHexString(n) + "\r\n";
        int start = off - size.length();
        put(buf, start, size);
        buf[off + n] = '\r';
        buf[off + n + 1] = '\n';
        c.write(buf, start, off + n + 2 - start);
      } else {
        c.write(buf, off, n);
        left -= n;
      }
      dog.progress();
    }
    if (chunked) {
      c.write(LAST_CHUNK, 0, LAST_CHUNK.length);
    }
    c.flush();
    dog.progress();
  }
}
