package dev.hangar.exec.sdk;

/**
 * core0's message levels a plugin may write (the numbers on the wire). Levels 1 and 2 are what
 * unframed stdout and stderr lines get; 20 and above are results, written only by {@link
 * ExecPlugin}.
 */
public enum Level {
  /** 1: plain stdout. */
  STDOUT(1),
  /** 2: plain stderr. */
  STDERR(2),
  /** 3: a message for the user. */
  PUBLIC(3),
  /** 4: a message for the operator. */
  OPERATOR(4),
  /** 5: a log message of unknown kind. */
  UNKNOWN(5),
  /** 6: a structured log message. */
  STRUCTURED(6),
  /** 7: a warning. */
  WARNING(7),
  /** 8: an error for the operator. */
  ERROR(8),
  /** 9: a critical error. */
  CRITICAL(9),
  /** 10: a statsd metric line. */
  STATSD(10),
  /** 11: debugging detail. */
  DEBUG(11);

  private final int code;

  Level(int code) {
    this.code = code;
  }

  /** The level's number on the wire. */
  public int code() {
    return code;
  }
}
