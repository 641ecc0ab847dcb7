package dev.hangar.internal.resource;

import dev.hangar.protocol.internal.http.Http1Syntax;
import java.io.IOException;
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
   * @throws java.net.ProtocolException when the head is malformed or larger than {@link
   *     #MAX_HEAD_BYTES}
   */
  static ResponseHead read(WireReader in) throws IOException {
    int[] budget = {MAX_HEAD_BYTES};
    ResponseHead h;
    do {
      h = readOne(in, budget);
    } while (!Http1Syntax.isFinal(h.status()));
    return h;
  }

  private static ResponseHead readOne(WireReader in, int[] budget) throws IOException {
    int status = Http1Syntax.statusCode(in.readLine(budget, "response head"));
    Map<String, String> headers = new HashMap<>();
    long contentLength = -1;
    boolean chunked = false;
    boolean hasTransferEncoding = false;
    while (true) {
      String h = in.readLine(budget, "response head");
      if (h.isEmpty()) {
        break;
      }
      int colon = Http1Syntax.colon(h);
      if (colon < 0) {
        continue; // obsolete line folding (RFC 9112 5.2): dropped
      }
      if (h.substring(0, colon).strip().length() != colon) {
        throw Http1Syntax.malformedHeader(h);
      }
      String name = h.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).strip();
      if (name.equals("content-length")) {
        contentLength = Http1Syntax.contentLength(value, contentLength);
      } else if (name.equals("transfer-encoding")) {
        hasTransferEncoding = true;
        chunked = Http1Syntax.lastCodingChunked(value);
      }
      headers.putIfAbsent(name, value);
    }
    boolean bodyless = Http1Syntax.bodyless(status);
    if (hasTransferEncoding) {
      // Transfer-Encoding wins over Content-Length (RFC 9112 6.3); a body whose last coding is
      // not chunked runs until the connection closes.
      contentLength = -1;
      headers.remove("content-length");
    }
    return new ResponseHead(status, Map.copyOf(headers), bodyless ? 0 : contentLength,
        chunked && !bodyless, bodyless);
  }
}
