package dev.hangar.protocol.internal.http;

import java.io.IOException;
import java.util.Locale;

/**
 * The status line and the framing headers of a reply. Read here for both HTTP/1.x clients of the
 * product: the plugin client (from an {@link HttpInput}, headers other than the framing ones
 * dropped) and {@code hangar get}'s plain-HTTP client in hangar-core (which collects every header
 * through a {@link HeaderSink}).
 *
 * @param status the HTTP status
 * @param contentLength the {@code Content-Length}, or -1
 * @param chunked whether the body is chunked
 * @param keepAlive whether the connection may serve another request after this reply
 * @param bodyless whether the status forbids a body (1xx, 204, 304)
 */
public record ResponseHead(int status, long contentLength, boolean chunked, boolean keepAlive,
    boolean bodyless) {
  /** The most bytes a head (status line and headers, interim heads included) may take. */
  public static final int MAX_HEAD_BYTES = 64 * 1024;

  /** Where the lines of a head come from. */
  @FunctionalInterface
  public interface LineSource {
    /**
     * Reads one line without its line end, charging its length to {@code budget[0]}.
     *
     * @throws java.io.EOFException when the connection ends first
     * @throws java.net.ProtocolException when the line passes the budget
     */
    String readHeadLine(int[] budget) throws IOException;
  }

  /** Takes the header lines of each head read, for a caller that wants more than the framing. */
  public interface HeaderSink {
    /** A new head (the first, or one after an interim 1xx head) begins. */
    void head(int status) throws IOException;

    /**
     * A header line (not a folded continuation) whose name ends at {@code colon}.
     *
     * @throws java.net.ProtocolException when the caller finds the line malformed
     */
    void header(String line, int colon) throws IOException;
  }

  /** Whether the body runs until the plugin closes the connection. */
  boolean untilClose() {
    return !bodyless && !chunked && contentLength < 0;
  }

  /**
   * Reads a reply head, skipping interim (1xx) replies.
   *
   * @param sink takes every header line, or null
   * @throws java.io.EOFException when the connection ends first
   * @throws ProtocolViolation when the head is malformed; too large: as {@code in} says
   */
  public static ResponseHead read(LineSource in, HeaderSink sink) throws IOException {
    int[] budget = {MAX_HEAD_BYTES};
    ResponseHead h;
    do {
      h = readOne(in, budget, sink);
    } while (!Http1Syntax.isFinal(h.status()));
    return h;
  }

  private static ResponseHead readOne(LineSource in, int[] budget, HeaderSink sink)
      throws IOException {
    String line = in.readHeadLine(budget);
    int status = Http1Syntax.statusCode(line);
    boolean http10 = line.charAt(7) == '0';
    if (!http10 && line.charAt(7) != '1') {
      throw new ProtocolViolation("unsupported HTTP version: " + Http1Syntax.printable(line));
    }
    if (sink != null) {
      sink.head(status);
    }
    long contentLength = -1;
    boolean chunked = false;
    boolean hasTransferEncoding = false;
    Boolean connectionKeepAlive = null;
    while (true) {
      String h = in.readHeadLine(budget);
      if (h.isEmpty()) {
        break;
      }
      int colon = Http1Syntax.colon(h);
      if (colon < 0) {
        continue; // obsolete line folding (RFC 9112 5.2): dropped
      }
      if (sink != null) {
        sink.header(h, colon);
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
