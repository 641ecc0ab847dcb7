package dev.hangar.protocol.internal.http;

import java.io.IOException;
import java.util.Locale;

/**
 * The status line and the framing headers of a reply.
 *
 * @param status the HTTP status
 * @param contentLength the {@code Content-Length}, or -1
 * @param chunked whether the body is chunked
 * @param keepAlive whether the connection may serve another request after this reply
 * @param bodyless whether the status forbids a body (1xx, 204, 304)
 */
record ResponseHead(int status, long contentLength, boolean chunked, boolean keepAlive,
    boolean bodyless) {

  /** Whether the body runs until the plugin closes the connection. */
  boolean untilClose() {
    return !bodyless && !chunked && contentLength < 0;
  }

  /**
   * Reads a reply head, skipping interim (1xx) replies.
   *
   * @throws java.io.EOFException when the connection ends first
   * @throws ProtocolViolation when the head is malformed or too large
   */
  static ResponseHead read(HttpInput in) throws IOException {
    int[] budget = {HttpPluginClient.MAX_HEAD_BYTES};
    while (true) {
      ResponseHead h = readOne(in, budget);
      if (h.status() >= 200) {
        return h;
      }
      if (h.status() == 101) {
        throw new ProtocolViolation("unexpected 101 Switching Protocols");
      }
    }
  }

  private static ResponseHead readOne(HttpInput in, int[] budget) throws IOException {
    String line = in.readLine(budget);
    // "HTTP/1.1 200 OK": the reason phrase may be empty or missing.
    if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
        || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new ProtocolViolation("malformed status line: " + printable(line));
    }
    boolean http10 = line.charAt(7) == '0';
    if (!http10 && line.charAt(7) != '1') {
      throw new ProtocolViolation("unsupported HTTP version: " + printable(line));
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolViolation("malformed status line: " + printable(line));
      }
      status = status * 10 + (c - '0');
    }
    if (status < 100) {
      throw new ProtocolViolation("malformed status line: " + printable(line));
    }
    long contentLength = -1;
    boolean chunked = false;
    boolean hasTransferEncoding = false;
    Boolean connectionKeepAlive = null;
    while (true) {
      String h = in.readLine(budget);
      if (h.isEmpty()) {
        break;
      }
      if (h.charAt(0) == ' ' || h.charAt(0) == '\t') {
        continue; // obsolete line folding: part of a header we do not use
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolViolation("malformed header line: " + printable(h));
      }
      String name = h.substring(0, colon);
      String value = h.substring(colon + 1).strip();
      if (name.equalsIgnoreCase("Content-Length")) {
        long n = parseLength(value);
        if (contentLength >= 0 && n != contentLength) {
          throw new ProtocolViolation("conflicting Content-Length headers");
        }
        contentLength = n;
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        hasTransferEncoding = true;
        String v = value.toLowerCase(Locale.ROOT);
        chunked = v.equals("chunked") || v.endsWith(",chunked") || v.endsWith(", chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        for (String token : value.toLowerCase(Locale.ROOT).split(",")) {
          String t = token.strip();
          if (t.equals("close")) {
            connectionKeepAlive = false;
          } else if (t.equals("keep-alive") && connectionKeepAlive == null) {
            connectionKeepAlive = true;
          }
        }
      }
    }
    boolean bodyless = status < 200 || status == 204 || status == 304;
    if (hasTransferEncoding) {
      contentLength = -1; // Transfer-Encoding wins over Content-Length (RFC 9112 6.3)
    }
    boolean untilClose = !bodyless && !chunked && contentLength < 0;
    boolean keepAlive = !untilClose && (http10
        ? Boolean.TRUE.equals(connectionKeepAlive)
        : connectionKeepAlive != Boolean.FALSE);
    return new ResponseHead(status, bodyless ? 0 : contentLength, chunked && !bodyless, keepAlive,
        bodyless);
  }

  private static long parseLength(String v) throws ProtocolViolation {
    if (v.isEmpty() || v.length() > 18) {
      throw new ProtocolViolation("bad Content-Length: " + printable(v));
    }
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolViolation("bad Content-Length: " + printable(v));
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** A header line as text fit for an error message: capped, control bytes shown as '?'. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c > 0x7e ? '?' : c);
    }
    return "'" + b + (s.length() > 80 ? "...'" : "'");
  }
}
