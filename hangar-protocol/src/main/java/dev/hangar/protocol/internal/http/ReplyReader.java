package dev.hangar.protocol.internal.http;

import com.fasterxml.jackson.databind.JavaType;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * Reads replies: the head, then the body buffered within the client's limits or handed over as
 * a stream; decodes 200 bodies. Status and body errors are made by {@link ErrorMapper}.
 */
final class ReplyReader {
  private final String plugin;
  private final long maxReply;
  private final int maxError;

  ReplyReader(String plugin, ClientConfig config) {
    this.plugin = plugin;
    // a Java array holds at most about 2 GiB
    this.maxReply = Math.min(config.maxReplyBytes(), Integer.MAX_VALUE - 16);
    this.maxError = config.maxErrorBytes();
  }

  static boolean isVoid(Type t) {
    return t == void.class || t == Void.class;
  }

  /**
   * Reads a whole reply. A non-200 status throws; a 200 body is returned, or drained and
   * returned as null when {@code ignoreBody}.
   */
  byte[] buffered(String method, Exchange ex, boolean ignoreBody) throws IOException {
    ResponseHead head = ResponseHead.read(ex.conn.in, null);
    BodyInput body = ex.body(head);
    if (head.status() != 200) {
      throw statusError(method, head, body);
    }
    if (ignoreBody) {
      drain(body);
      return null;
    }
    if (head.contentLength() > maxReply) {
      body.close();
      throw ErrorMapper.tooLarge(plugin, method, maxReply);
    }
    if (head.contentLength() >= 0) {
      byte[] b = new byte[(int) head.contentLength()];
      int n = readUpTo(body, b);
      if (n < b.length) {
        throw BodyInput.truncated();
      }
      body.read(); // reaches the end, which returns the connection to the pool
      return b;
    }
    byte[] b = new byte[1024];
    int n = 0;
    while (true) {
      if (n == b.length) {
        if (n > maxReply) {
          body.close();
          throw ErrorMapper.tooLarge(plugin, method, maxReply);
        }
        b = Arrays.copyOf(b, (int) Math.min(maxReply + 1, b.length * 2L));
      }
      int r = body.read(b, n, b.length - n);
      if (r < 0) {
        return Arrays.copyOf(b, n);
      }
      n += r;
    }
  }

  /** Hands over a 200 body as a stream, once the deadline is stopped; errors throw. */
  InputStream stream(String method, Exchange ex) throws IOException {
    ResponseHead head = ResponseHead.read(ex.conn.in, null);
    BodyInput body = ex.body(head);
    if (head.status() != 200) {
      throw statusError(method, head, body);
    }
    if (!ex.dog.disarm()) {
      body.close();
      throw new InterruptedIOException("deadline passed");
    }
    return body;
  }

  /** Reads at most maxErrorBytes of an error body; a longer one is cut, its connection closed. */
  private RuntimeException statusError(String method, ResponseHead head, BodyInput body)
      throws IOException {
    long known = head.contentLength();
    byte[] b = new byte[(int) (known >= 0 ? Math.min(known, maxError + 1L) : maxError + 1L)];
    int n = readUpTo(body, b);
    boolean truncated = n > maxError || (known > n);
    if (truncated) {
      body.close();
      n = Math.min(n, maxError);
    } else {
      body.read(); // reaches the end: the connection may be reused
    }
    return ErrorMapper.status(plugin, method, head.status(), b, n, truncated);
  }

  private void drain(BodyInput body) throws IOException {
    byte[] skip = new byte[8192];
    long total = 0;
    while (body.read(skip, 0, skip.length) >= 0) {
      total += skip.length;
      if (total > maxReply) {
        body.close(); // not worth reading on: drop the connection instead
        return;
      }
    }
  }

  private static int readUpTo(InputStream in, byte[] b) throws IOException {
    int n = 0;
    while (n < b.length) {
      int r = in.read(b, n, b.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n;
  }

  /** Throws when {@code body} carries a non-empty {@code Err}. */
  void checkErr(String method, byte[] body) {
    if (body != null) {
      ErrorMapper.errText(body, body.length).ifPresent(err -> {
        throw ErrorMapper.errInBody(plugin, method, err);
      });
    }
  }

  /** Decodes a 200 body into {@code type}: void ignores it, an empty body is an error. */
  @SuppressWarnings("unchecked")
  <T> T decode(String method, byte[] body, Type type, boolean errInBody) {
    if (errInBody) {
      checkErr(method, body);
    }
    if (isVoid(type)) {
      if (errInBody && body != null && !blank(body)) {
        try {
          Json.MAPPER.readTree(body);
        } catch (IOException e) {
          throw ErrorMapper.malformed(plugin, method, e);
        }
      }
      return null;
    }
    if (body == null || blank(body)) {
      throw ErrorMapper.emptyReply(plugin, method);
    }
    try {
      JavaType jt = Json.MAPPER.constructType(type);
      return (T) Json.MAPPER.readValue(body, jt);
    } catch (IOException e) {
      throw ErrorMapper.malformed(plugin, method, e);
    }
  }

  private static boolean blank(byte[] b) {
    for (byte x : b) {
      if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
        return false;
      }
    }
    return true;
  }
}
