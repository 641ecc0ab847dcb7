package dev.hangar.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a {@link RawPluginServer} does with one request: raw bytes to send, a generated huge body,
 * or a misbehaviour (never answer, close without or in the middle of a reply). After a reply the
 * connection stays open for the next request unless {@link #thenClose()} was asked for or the
 * request said {@code Connection: close}.
 *
 * <pre>{@code
 * Reply.json(200, "{\"Implements\":[\"VolumeDriver\"]}")
 * Reply.raw("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 14\r\n\r\n{\"Err\":\"boom\"}")
 * Reply.neverAnswer()
 * Reply.huge(200, 300L << 20, true)   // 300 MiB of PatternStream bytes, chunked
 * }</pre>
 *
 * @since 0.1
 */
public final class Reply {
  enum Kind { BYTES, HUGE, NEVER, CLOSE }

  final Kind kind;
  final byte[] bytes;
  final int status;
  final long hugeLength;
  final boolean hugeChunked;
  final boolean closeAfter;

  private Reply(Kind kind, byte[] bytes, int status, long hugeLength, boolean hugeChunked,
      boolean closeAfter) {
    this.kind = kind;
    this.bytes = bytes;
    this.status = status;
    this.hugeLength = hugeLength;
    this.hugeChunked = hugeChunked;
    this.closeAfter = closeAfter;
  }

  /** Sends exactly {@code bytes} (status line, headers and body, as given). */
  public static Reply raw(byte[] bytes) {
    return new Reply(Kind.BYTES, bytes.clone(), 0, 0, false, false);
  }

  /** Sends exactly {@code text} in ISO-8859-1 (write {@code \r\n} line ends yourself). */
  public static Reply raw(String text) {
    return raw(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * A complete reply with {@code Content-Type: application/vnd.docker.plugins.v1.1+json} (as
   * Docker's SDK sends) and a {@code Content-Length}.
   *
   * @param status the status code; the reason phrase is a standard one
   * @param json the body, sent as UTF-8 exactly as given (possibly empty)
   */
  public static Reply json(int status, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + "Content-Type: application/vnd.docker.plugins.v1.1+json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n";
    return raw(concat(head.getBytes(StandardCharsets.ISO_8859_1), body));
  }

  /** A plain-text reply, e.g. Go's {@code 404 page not found}. */
  public static Reply text(int status, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n";
    return raw(concat(head.getBytes(StandardCharsets.ISO_8859_1), body));
  }

  /** A reply whose body is sent with chunked encoding, one chunk per string (UTF-8). */
  public static Reply chunked(int status, String... chunks) {
    StringBuilder b = new StringBuilder("HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n");
    byte[] out = b.toString().getBytes(StandardCharsets.ISO_8859_1);
    for (String c : chunks) {
      byte[] data = c.getBytes(StandardCharsets.UTF_8);
      if (data.length == 0) {
        continue; // an empty chunk would end the body
      }
      byte[] size = (Integer.toHexString(data.length) + "\r\n")
          .getBytes(StandardCharsets.ISO_8859_1);
      out = concat(out, size, data, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    return raw(concat(out, "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
  }

  /**
   * A reply with a {@link PatternStream} body of {@code length} bytes, generated while sending.
   *
   * @param status the status code
   * @param length the body length
   * @param chunked true to send it chunked, false with a {@code Content-Length}
   */
  public static Reply huge(int status, long length, boolean chunked) {
    return new Reply(Kind.HUGE, null, status, length, chunked, false);
  }

  /** Accepts the request and never answers; the connection stays open until either side closes. */
  public static Reply neverAnswer() {
    return new Reply(Kind.NEVER, null, 0, 0, false, false);
  }

  /** Closes the connection without answering (as a plugin that crashes on the request). */
  public static Reply closeWithoutReply() {
    return new Reply(Kind.CLOSE, new byte[0], 0, 0, false, true);
  }

  /** Sends the first part of a reply, then closes the connection. */
  public static Reply closeMidReply(String partial) {
    return new Reply(Kind.BYTES, partial.getBytes(StandardCharsets.ISO_8859_1), 0, 0, false,
        true);
  }

  /** This reply, then the connection is closed. */
  public Reply thenClose() {
    return new Reply(kind, bytes, status, hugeLength, hugeChunked, true);
  }

  /** The standard reason phrase of a few statuses, else {@code Status}. */
  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += Objects.requireNonNull(p).length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }
}
