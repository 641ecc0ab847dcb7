package dev.hangar.daemon.client;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A reply head and its body stream. Closing it before the body was read closes the connection.
 *
 * @param status the HTTP status
 * @param headers the header values by lower-case name (the first of repeated ones)
 * @param body the body
 */
record Reply(int status, Map<String, String> headers, ReplyBody body) implements Closeable {
  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  boolean ok() {
    return status >= 200 && status < 300;
  }

  /**
   * Reads the body, at most {@code max} bytes (the rest is dropped with the connection).
   *
   * @throws IOException when the connection breaks
   */
  byte[] bytes(int max) throws IOException {
    try (ReplyBody b = body) {
      return b.readNBytes(max);
    }
  }

  @Override
  public void close() {
    body.close();
  }
}
