package dev.hangar.managed;

import java.time.Duration;
import java.util.Objects;

/**
 * How the supervisor probes an enabled managed plugin (beyond Docker, which never does): every
 * {@code interval} a {@code Plugin.Activate} call limited to {@code timeout}; a failed probe shows
 * the plugin as unhealthy ({@link ManagedPlugin#unhealthy}), a success as healthy again, and
 * {@code retries} failures in a row kill its container, which the supervisor then restarts with
 * its backoff (counted as an exit).
 *
 * @param interval between probes; {@link Duration#ZERO} for no probes
 * @param timeout of one probe, positive
 * @param retries failed probes in a row that restart the plugin, at least 1
 * @since 0.3
 */
public record HealthCheck(Duration interval, Duration timeout, int retries) {
  /** Every 30 s, 5 s each, a restart after 3 failures in a row. */
  public static final HealthCheck DEFAULT =
      new HealthCheck(Duration.ofSeconds(30), Duration.ofSeconds(5), 3);
  /** No probes. */
  public static final HealthCheck OFF = new HealthCheck(Duration.ZERO, Duration.ofSeconds(5), 3);

  public HealthCheck {
    if (Objects.requireNonNull(interval, "interval").isNegative()) {
      throw new IllegalArgumentException("health interval must not be negative: " + interval);
    }
    if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("health timeout must be positive: " + timeout);
    }
    if (retries < 1) {
      throw new IllegalArgumentException("health retries must be at least 1: " + retries);
    }
  }

  /** Whether plugins are probed. */
  public boolean enabled() {
    return !interval.isZero();
  }
}
