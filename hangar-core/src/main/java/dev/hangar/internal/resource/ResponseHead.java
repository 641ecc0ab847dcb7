package dev.hangar.internal.resource;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and headers of an HTTP/1.x response, as {@link PlainHttpGet} reads them.
 *
 * @param status the status code
 * @param headers lower-case names to their first value
 * @param contentLength the {@code Content-Length}, or -1 (also when the body is chunked)
 * @param chunked whether the body uses the chunked transfer coding
 * @param bodyless whether the status has no body (1xx, 204, 304)
 */
record ResponseHead(int status, Map<String, String> headers, long contentLength, boolean chunked,
    boolean bodyless) {
  /** The most bytes a response head (status line and headers) may take. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /** Whether the body runs until the server closes the connection. */
  boolean untilClose() {
    return !bodyless && !chunked && contentLength < 0;
  }

  /**
   * Reads a response head, skipping interim (1xx) responses.
   *
   * @throws java.io.EOFException when the connection ends first
   * @throws ProtocolException when the head is malformed or larger than {@link #MAX_HEAD_BYTES}
   */
  static ResponseHead read(WireReader in) throws IOException {
    int[] budget = {MAX_HEAD_BYTES};
    while (true) {
      ResponseHead h = readOne(in, budget);
      if (h.status() >= 200) {
        return h;
      }
      if (h.status() == 101) {
        throw new ProtocolException("unexpected 101 Switching Protocols");
      }
    }
  }

  private static ResponseHead readOne(WireReader in, int[] budget) throws IOException {
    String line = in.readLine(budget, "response head");
    // "HTTP/1.1 200 OK": the reason phrase may be empty or missing.
    if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
        || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new ProtocolException("malformed status line: " + printable(line));
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolException("malformed status line: " + printable(line));
      }
      status = status * 10 + (c - '0');
    }
    if (status < 100) {
      throw new ProtocolException("malformed status line: " + printable(line));
    }
    Map<String, String> headers = new HashMap<>();
    long contentLength = -1;
    String transferEncoding = null;
    while (true) {
      String h = in.readLine(budget, "response head");
      if (h.isEmpty()) {
        break;
      }
      if (h.charAt(0) == ' ' || h.charAt(0) == '\t') {
        continue; // obsolete line folding (RFC 9112 5.2): dropped
      }
      int colon = h.indexOf(':');
      if (colon <= 0 || h.substring(0, colon).strip().length() != colon) {
        throw new ProtocolException("malformed header line: " + printable(h));
      }
      String name = h.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).strip();
      if (name.equals("content-length")) {
        long n = parseLength(value);
        if (contentLength >= 0 && n != contentLength) {
          throw new ProtocolException("conflicting Content-Length headers");
        }
        contentLength = n;
      } else if (name.equals("transfer-encoding")) {
        transferEncoding = transferEncoding == null ? value : transferEncoding + ", " + value;
      }
      headers.putIfAbsent(name, value);
    }
    boolean bodyless = status < 200 || status == 204 || status == 304;
    boolean chunked = false;
    if (transferEncoding != null) {
      // Transfer-Encoding wins over Content-Length (RFC 9112 6.3); a body whose last coding is
      // not chunked runs until the connection closes.
      String[] codings = transferEncoding.toLowerCase(Locale.ROOT).split(",");
      chunked = codings[codings.length - 1].strip().equals("chunked");
      contentLength = -1;
      headers.remove("content-length");
    }
    return new ResponseHead(status, Map.copyOf(headers), bodyless ? 0 : contentLength,
        chunked && !bodyless, bodyless);
  }

  private static long parseLength(String v) throws ProtocolException {
    if (v.isEmpty() || v.length() > 18) {
      throw new ProtocolException("bad Content-Length: " + printable(v));
    }
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolException("bad Content-Length: " + printable(v));
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Text from the wire fit for an error message: capped, control bytes shown as '?'. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c > 0x7e ? '?' : c);
    }
    return "'" + b + (s.length() > 80 ? "...'" : "'");
  }
}
