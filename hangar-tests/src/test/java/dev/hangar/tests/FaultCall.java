package dev.hangar.tests;

import java.time.Duration;

/**
 * One {@code Fault.Record} call a caller made while the plugin was being killed.
 *
 * @param id the request's id, as the plugin logs it
 * @param idempotent whether the call was marked idempotent (so it may be retried)
 * @param startNanos {@link System#nanoTime()} when the call started
 * @param duration how long it took to return or fail
 * @param code {@code OK}, the {@link dev.hangar.protocol.ErrorCode} it failed with, or the class
 *     of any other exception
 * @param message the failure's message, empty on success
 */
record FaultCall(String id, boolean idempotent, long startNanos, Duration duration, String code,
    String message) {
  static final String OK = "OK";

  boolean ok() {
    return code.equals(OK);
  }

  @Override
  public String toString() {
    return id + (idempotent ? " (idempotent)" : "") + " " + code + " in "
        + duration.toMillis() + " ms" + (message.isEmpty() ? "" : ": " + message);
  }
}
