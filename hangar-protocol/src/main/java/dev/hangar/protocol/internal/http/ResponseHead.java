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
    ResponseHead h;
    do {
      h = readOne(in, budget);
    } while (!Http1Syntax.isFinal(h.status()));
    return h;
  }

  private static ResponseHead readOne(HttpInput in, int[] budget) throws IOException {
    String line = in.readLine(budget);
    int status = Http1Syntax.statusCode(line);
    boolean http10 = line.charAt(7) == '0';
    if (!http10 && line.charAt(7) != '1') {
      throw new ProtocolViolation("unsupported HTTP version: " + Http1Syntax.printable(line));
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
      int colon = Http1Syntax.colon(h);
      if (colon < 0) {
        continue; // obsolete line folding: part of a header we do not use
      }
      if (Http1Syntax.named(h, colon, "Content-Length")) {
        contentLength = Http1Syntax.contentLength(h.substring(colon + 1).strip(), contentLength);
      } else if (Http1Syntax.named(h, colon, "Transfer-Encoding")) {
        hasTransferEncoding = true;
        chunked = Http1Syntax.lastCodingChunked(h.substring(colon + 1).strip());
      } else if (Http1Syntax.named(h, colon, "Connection")) {
        for (String token : h.substring(colon + 1).toLowerCase(Locale.ROOT).split(",")) {
          String t = token.strip();
          if (t.equals("close")) {
            connectionKeepAlive = false;
          } else if (t.equals("keep-alive") && connectionKeepAlive == null) {
            connectionKeepAlive = true;
          }
        }
      }
    }
    boolean bodyless = Http1Syntax.bodyless(status);
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
}
