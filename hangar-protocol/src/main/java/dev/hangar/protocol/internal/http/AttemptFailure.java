package dev.hangar.protocol.internal.http;

import java.io.IOException;

/**
 * Why one attempt of a call ended without a reply to map: no connection, a connection lost, or
 * the deadline. The retry loop decides from it whether to try again.
 */
final class AttemptFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  enum Kind {
    /** No connection could be made: the request never left; always safe to retry. */
    CONNECT,
    /** The connection broke after the request was (maybe) sent. */
    LOST,
    /** The deadline passed. */
    TIMEOUT
  }

  final Kind kind;
  /** A reused pooled connection failed before any reply byte: likely closed while idle. */
  final boolean stale;

  AttemptFailure(Kind kind, boolean stale, IOException cause) {
    super(cause.toString(), cause, false, false);
    this.kind = kind;
    this.stale = stale;
  }

  IOException io() {
    return (IOException) getCause();
  }
}
