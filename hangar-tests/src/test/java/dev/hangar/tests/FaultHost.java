package dev.hangar.tests;

import dev.hangar.DiscoveryDirs;
import dev.hangar.PluginHost;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.ClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The host of the fault-injection tests: explicit call and activation timeouts, Docker's retry
 * schedule on a {@link FastClock}, and the longest a call through it may take.
 */
final class FaultHost {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  static final Duration ACTIVATION_TIMEOUT = Duration.ofSeconds(2);
  /** How long the host retries a plugin it cannot reach, in real time. */
  static final Duration RETRIES = FastClock.real(Backoff.DEFAULT.deadline());
  /**
   * The budget of one call (docs/protocol.md sections 3 and 6): the re-activation the host may
   * do first (its retries, then {@code Plugin.Activate}), then the call (its retries, then at
   * most two attempts: the one resend on a fresh connection), plus a second of slack.
   */
  static final Duration BOUND = RETRIES.plus(ACTIVATION_TIMEOUT).plus(RETRIES)
      .plus(CALL_TIMEOUT.multipliedBy(2)).plusSeconds(1);

  private FaultHost() {}

  /** A builder of such a host looking for socket plugins in {@code sockets} only. */
  static PluginHost.Builder builder(Path sockets) {
    return PluginHost.builder().dirs(new DiscoveryDirs(List.of(sockets), List.of()))
        .pluginDirs(List.of()).execDirs(List.of())
        .clientConfig(ClientConfig.DEFAULT.withCallTimeout(CALL_TIMEOUT)
            .withClock(FastClock.create()))
        .activationTimeout(ACTIVATION_TIMEOUT);
  }
}
