package dev.hangar.exec.sdk;

/**
 * A failure meant for the caller: its message becomes the call's error result (exit status 1),
 * without a stack trace on stderr.
 */
public class ExecPluginException extends RuntimeException {
  /**
   * Creates the exception.
   *
   * @param message the error text the caller gets; names what was wrong
   */
  public ExecPluginException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause (kept for the Java side only: the caller gets the message).
   *
   * @param message the error text the caller gets
   * @param cause   the underlying failure
   */
  public ExecPluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
