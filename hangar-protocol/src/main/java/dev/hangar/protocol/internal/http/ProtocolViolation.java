package dev.hangar.protocol.internal.http;

import java.io.IOException;

/** The plugin's reply broke HTTP/1.1 framing (a bad status line, headers, chunk sizes). */
final class ProtocolViolation extends IOException {
  private static final long serialVersionUID = 1L;

  ProtocolViolation(String message) {
    super(message);
  }
}
