package dev.hangar.protocol.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Options of one call.
 *
 * @param timeout the whole call's limit (connect, send, wait for and read the reply), or null for
 *     the client's default
 * @param idempotent true when the call may be retried after it may have reached the plugin (a
 *     broken connection or a timeout); by default only failures to connect are retried
 * @param errInBody true when a 200 reply with a non-empty {@code Err} field is a failure
 * @since 0.1
 */
public record CallOptions(Duration timeout, boolean idempotent, boolean errInBody) {
  /** The client's timeout, not idempotent, {@code Err} in a 200 not checked. */
  public static final CallOptions DEFAULT = new CallOptions(null, false, false);

  /** Checks the timeout. */
  public CallOptions {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("call timeout must be positive: " + timeout);
    }
  }

  /** The timeout, when one is set for this call. */
  public Optional<Duration> timeoutOverride() {
    return Optional.ofNullable(timeout);
  }

  /** A copy with the given timeout. */
  public CallOptions withTimeout(Duration t) {
    return new CallOptions(t, idempotent, errInBody);
  }

  /** A copy marked idempotent (or not). */
  public CallOptions withIdempotent(boolean i) {
    return new CallOptions(timeout, i, errInBody);
  }

  /** A copy that treats a non-empty {@code Err} in a 200 as a failure (or not). */
  public CallOptions withErrInBody(boolean e) {
    return new CallOptions(timeout, idempotent, e);
  }
}
