package dev.hangar.internal.resource;

import dev.hangar.protocol.internal.http.Http1Syntax;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and headers of an HTTP/1.x response, as {@link PlainHttpGet} reads them: the
 * plugin client's {@link dev.hangar.protocol.internal.http.ResponseHead} plus every header.
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
  static final int MAX_HEAD_BYTES = dev.hangar.protocol.internal.http.ResponseHead.MAX_HEAD_BYTES;

  /** Whether the body runs until the server closes the connection. */
  boolean untilClose() {
    return !bodyless && !chunked && contentLength < 0;
  }

  /**
   * Reads a response head, skipping interim (1xx) responses, with the plugin client's parser.
   *
   * @throws java.io.EOFException when the connection ends first
   * @throws java.net.ProtocolException when the head is malformed or larger than {@link
   *     #MAX_HEAD_BYTES}
   */
  static ResponseHead read(WireReader in) throws IOException {
    Headers headers = new Headers();
    var h = dev.hangar.protocol.internal.http.ResponseHead.read(in, headers);
    if (headers.map.containsKey("transfer-encoding")) {
      headers.map.remove("content-length"); // Transfer-Encoding wins (RFC 9112 6.3)
    }
    return new ResponseHead(h.status(), Map.copyOf(headers.map), h.contentLength(), h.chunked(),
        h.bodyless());
  }

  /** Lower-case names to their first value, of the last head read; no white space around a name. */
  private static final class Headers
      implements dev.hangar.protocol.internal.http.ResponseHead.HeaderSink {
    final Map<String, String> map = new HashMap<>();

    @Override
    public void head(int status) {
      map.clear();
    }

    @Override
    public void header(String line, int colon) throws IOException {
      if (line.substring(0, colon).strip().length() != colon) {
        throw Http1Syntax.malformedHeader(line);
      }
      map.putIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
  }
}
