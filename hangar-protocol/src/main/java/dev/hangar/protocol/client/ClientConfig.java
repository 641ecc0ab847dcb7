package dev.hangar.protocol.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings shared by the calls of a client. Every limit has a default; see
 * {@code docs/protocol.md}.
 *
 * @param dialTimeout how long to wait for a connection (default 10 s, as moby)
 * @param callTimeout the default limit of one call (default 60 s)
 * @param backoff the retry schedule for failures to connect (default 15 s, as Docker)
 * @param clock the time source and sleeper for retries
 * @param maxIdleConnections idle connections kept per plugin (default 6, as moby)
 * @param idleTimeout how long an idle connection is kept (default 30 s, as moby)
 * @param maxReplyBytes the largest reply {@code call} buffers (default 64 MiB); use
 *     {@code stream} for more
 * @param maxErrorBytes how much of an error body is kept in the exception (default 4 KiB)
 * @since 0.1
 */
public record ClientConfig(
    Duration dialTimeout,
    Duration callTimeout,
    Backoff backoff,
    RetryClock clock,
    int maxIdleConnections,
    Duration idleTimeout,
    long maxReplyBytes,
    int maxErrorBytes) {

  /** The defaults. */
  public static final ClientConfig DEFAULT = new ClientConfig(
      Duration.ofSeconds(10), Duration.ofSeconds(60), Backoff.DEFAULT, RetryClock.SYSTEM,
      6, Duration.ofSeconds(30), 64L << 20, 4096);

  /** Checks every field. */
  public ClientConfig {
    positive(dialTimeout, "dialTimeout");
    positive(callTimeout, "callTimeout");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(clock, "clock");
    positive(idleTimeout, "idleTimeout");
    if (maxIdleConnections < 0 || maxReplyBytes <= 0 || maxErrorBytes <= 0) {
      throw new IllegalArgumentException("client limits must be positive");
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** A copy with another default call timeout. */
  public ClientConfig withCallTimeout(Duration d) {
    return new ClientConfig(dialTimeout, d, backoff, clock, maxIdleConnections, idleTimeout,
        maxReplyBytes, maxErrorBytes);
  }

  /** A copy with another dial timeout. */
  public ClientConfig withDialTimeout(Duration d) {
    return new ClientConfig(d, callTimeout, backoff, clock, maxIdleConnections, idleTimeout,
        maxReplyBytes, maxErrorBytes);
  }

  /** A copy with another retry schedule. */
  public ClientConfig withBackoff(Backoff b) {
    return new ClientConfig(dialTimeout, callTimeout, b, clock, maxIdleConnections, idleTimeout,
        maxReplyBytes, maxErrorBytes);
  }

  /** A copy with another clock. */
  public ClientConfig withClock(RetryClock c) {
    return new ClientConfig(dialTimeout, callTimeout, backoff, c, maxIdleConnections, idleTimeout,
        maxReplyBytes, maxErrorBytes);
  }

  /** A copy keeping at most {@code n} idle connections (0 disables keep-alive reuse). */
  public ClientConfig withMaxIdleConnections(int n) {
    return new ClientConfig(dialTimeout, callTimeout, backoff, clock, n, idleTimeout,
        maxReplyBytes, maxErrorBytes);
  }

  /** A copy closing idle connections after {@code d}. */
  public ClientConfig withIdleTimeout(Duration d) {
    return new ClientConfig(dialTimeout, callTimeout, backoff, clock, maxIdleConnections, d,
        maxReplyBytes, maxErrorBytes);
  }

  /** A copy buffering replies of at most {@code n} bytes in {@code call}. */
  public ClientConfig withMaxReplyBytes(long n) {
    return new ClientConfig(dialTimeout, callTimeout, backoff, clock, maxIdleConnections,
        idleTimeout, n, maxErrorBytes);
  }

  /** A copy keeping at most {@code n} bytes of an error body. */
  public ClientConfig withMaxErrorBytes(int n) {
    return new ClientConfig(dialTimeout, callTimeout, backoff, clock, maxIdleConnections,
        idleTimeout, maxReplyBytes, n);
  }
}
