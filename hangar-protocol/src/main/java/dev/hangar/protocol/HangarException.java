package dev.hangar.protocol;

import java.util.Objects;

/**
 * The root of every error Hangar raises. Unchecked; {@link #code()} says what went wrong in a
 * stable form, the message says it for people and names the plugin, file, field or method involved.
 *
 * @since 0.1
 */
public class HangarException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * @param code the stable code
   * @param message what went wrong, naming what it concerns
   */
  public HangarException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * @param code the stable code
   * @param message what went wrong, naming what it concerns
   * @param cause the underlying failure, or null
   */
  public HangarException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable error code. */
  public ErrorCode code() {
    return code;
  }
}
