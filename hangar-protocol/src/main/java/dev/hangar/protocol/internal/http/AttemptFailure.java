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
  /**
   * Whether the whole request may have reached the plugin: false for a failure to connect, and
   * for a connection that broke while the request was being written (the plugin cannot have
   * read all of it); true for a timeout and for a connection lost while waiting for the reply.
   */
  final boolean sent;

  AttemptFailure(Kind kind, boolean stale, IOException cause) {
    this(kind, stale, kind != Kind.CONNECT, cause);
  }

  AttemptFailure(Kind kind, boolean stale, boolean sent, IOException cause) {
    super(cause.toString(), cause, false, false);
    this.kind = kind;
    this.stale = stale;
    this.sent = sent;
  }

  IOException io() {
    return (IOException) getCause();
  }
}
