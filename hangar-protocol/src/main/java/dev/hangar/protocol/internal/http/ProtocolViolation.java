package dev.hangar.protocol.internal.http;

import java.net.ProtocolException;

/**
 * A reply broke HTTP/1.1 framing (a bad status line, headers, chunk sizes). The plugin client maps
 * it to a protocol error; {@code hangar get}'s plain-HTTP client lets it through as the
 * {@link ProtocolException} it is.
 */
public final class ProtocolViolation extends ProtocolException {
  private static final long serialVersionUID = 1L;

  ProtocolViolation(String message) {
    super(message);
  }
}
