package dev.hangar.protocol.internal.http;

/**
 * The parts of reading an HTTP/1.x response head and chunked body that do not depend on where the
 * bytes come from: the status line, header lines, {@code Content-Length}, {@code
 * Transfer-Encoding} and chunk sizes (RFC 9112). Used by {@link ResponseHead} (which reads heads
 * for both HTTP clients of the product), {@link BodyInput} and {@code hangar get}'s plain-HTTP
 * body in hangar-core, so that a fix reaches both. Stateless; the header checks allocate nothing
 * but their errors.
 */
public final class Http1Syntax {
  private static final int SHOWN = 80;

  private Http1Syntax() {}

  /**
   * The status code of a status line {@code HTTP/1.x NNN reason} (the reason phrase may be empty
   * or missing; any minor version is accepted here).
   *
   * @throws ProtocolViolation when the line is not one
   */
  public static int statusCode(String line) throws ProtocolViolation {
    if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
        || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new ProtocolViolation("malformed status line: " + printable(line));
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
    return status;
  }

  /**
   * Whether a head with {@code status} is the final one; interim (1xx) heads are skipped.
   *
   * @throws ProtocolViolation for 101 Switching Protocols, never asked for
   */
  public static boolean isFinal(int status) throws ProtocolViolation {
    if (status == 101) {
      throw new ProtocolViolation("unexpected 101 Switching Protocols");
    }
    return status >= 200;
  }

  /** Whether {@code status} forbids a body (1xx, 204, 304). */
  public static boolean bodyless(int status) {
    return status < 200 || status == 204 || status == 304;
  }

  /**
   * The index of the colon that ends the name of a header line, or -1 for a continuation line of
   * obsolete line folding (RFC 9112 5.2), which callers skip.
   *
   * @throws ProtocolViolation when the line has no name before a colon
   */
  public static int colon(String line) throws ProtocolViolation {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      return -1;
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw malformedHeader(line);
    }
    return colon;
  }

  /** The error for a header line that is not one. */
  public static ProtocolViolation malformedHeader(String line) {
    return new ProtocolViolation("malformed header line: " + printable(line));
  }

  /**
   * Whether the header line whose name ends at {@code colon} is named {@code name}, in any case.
   */
  public static boolean named(String line, int colon, String name) {
    return colon == name.length() && line.regionMatches(true, 0, name, 0, colon);
  }

  /**
   * Parses a {@code Content-Length} value (decimal digits only).
   *
   * @param previous the length of an earlier {@code Content-Length} header, or -1
   * @throws ProtocolViolation when the value is not a length or differs from {@code previous}
   */
  public static long contentLength(String value, long previous) throws ProtocolViolation {
    if (value.isEmpty() || value.length() > 18) {
      throw new ProtocolViolation("bad Content-Length: " + printable(value));
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolViolation("bad Content-Length: " + printable(value));
      }
      n = n * 10 + (c - '0');
    }
    if (previous >= 0 && n != previous) {
      throw new ProtocolViolation("conflicting Content-Length headers");
    }
    return n;
  }

  /**
   * Whether the last coding of a {@code Transfer-Encoding} value is {@code chunked}. With several
   * such headers the last one decides; a body whose last coding is not chunked runs until the
   * connection closes, and any Transfer-Encoding wins over Content-Length (RFC 9112 6.3).
   */
  public static boolean lastCodingChunked(String value) {
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == ',') {
      end--; // as String.split: empty trailing codings do not count
    }
    int start = end == 0 ? 0 : value.lastIndexOf(',', end - 1) + 1;
    while (start < end && Character.isWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
      end--;
    }
    return end - start == 7 && value.regionMatches(true, start, "chunked", 0, 7);
  }

  /**
   * The size of a chunk from its size line (hex digits, then any extensions after ';').
   *
   * @param resource what the body belongs to, for the message, or null
   * @throws ProtocolViolation when the line holds no size
   */
  public static long chunkSize(String line, String resource) throws ProtocolViolation {
    int semi = line.indexOf(';');
    String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
    if (!hex.isEmpty() && hex.length() <= 15 && hex.charAt(0) != '+' && hex.charAt(0) != '-') {
      try {
        return Long.parseLong(hex, 16); // 15 hex digits: never negative
      } catch (NumberFormatException e) {
        // below
      }
    }
    throw new ProtocolViolation("bad chunk size" + (resource == null ? "" : " in " + resource)
        + ": " + printable(line));
  }

  /** Text from the wire fit for an error message: capped, control bytes shown as '?', quoted. */
  public static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < SHOWN; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c > 0x7e ? '?' : c);
    }
    return "'" + b + (s.length() > SHOWN ? "...'" : "'");
  }
}
