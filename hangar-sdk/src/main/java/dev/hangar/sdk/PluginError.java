package dev.hangar.sdk;

import java.util.Objects;

/**
 * An error a plugin answers with on purpose: the volume does not exist, is in use, its name is
 * not valid. Thrown from a handler, it reaches the caller as any failure does (HTTP 500 with
 * {@code {"Err":"<message>"}}, the message Docker shows its user), but the server logs it at
 * {@code DEBUG}, on one line and without a stack trace: it is an answer, not a fault. Any other
 * exception a handler throws is logged as a {@code WARNING} with its stack trace.
 *
 * <p>Subclass it for errors of your own kinds if you like; the server treats them alike.
 *
 * @since 0.1
 */
public class PluginError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An error answered with {@code message}.
   *
   * @param message what the caller is told, e.g. {@code volume v1 is in use}
   */
  public PluginError(String message) {
    super(Objects.requireNonNull(message, "message"));
  }

  /**
   * An error answered with {@code message}, caused by {@code cause} (kept for the DEBUG log).
   *
   * @param message what the caller is told
   * @param cause what led to it
   */
  public PluginError(String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
  }
}
