package dev.hangar.internal.host;

import dev.hangar.DiscoveredPlugin;
import dev.hangar.PluginClientFactory;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.Manifest;
import dev.hangar.protocol.Wire;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import java.time.Duration;

/**
 * Calls {@code Plugin.Activate} (nil args, so an empty body) and decodes the manifest. Failures to
 * connect (and connections that broke, Activate being safe to repeat) are retried on the caller's
 * {@link Retry} budget. Transport failures keep their code; any other failure becomes
 * {@link ErrorCode#ACTIVATION_FAILED} naming the plugin.
 */
final class Activator {
  private final ClientConfig config;
  private final PluginClientFactory factory;
  private final Duration timeout;

  Activator(ClientConfig config, PluginClientFactory factory, Duration timeout) {
    this.config = config;
    this.factory = factory;
    this.timeout = timeout;
  }

  Manifest activate(DiscoveredPlugin plugin, Retry retry) {
    // a client of its own, without retries of its own: the retry budget is the caller's
    try (PluginClient c =
        factory.create(plugin.name(), plugin.address(), config.withBackoff(Backoff.NONE))) {
      while (true) {
        try {
          Manifest m = c.call(Wire.ACTIVATE, null, Manifest.class,
              CallOptions.DEFAULT.withTimeout(timeout).withIdempotent(true));
          if (m == null) {
            throw new HangarException(ErrorCode.ACTIVATION_FAILED, "plugin " + plugin.name()
                + ": " + Wire.ACTIVATE + " replied null instead of a manifest");
          }
          return m;
        } catch (HangarException e) {
          boolean retryable = e.code() == ErrorCode.PLUGIN_UNREACHABLE
              || e.code() == ErrorCode.CONNECTION_LOST;
          if (retryable && retry.awaitNext()) {
            continue;
          }
          throw describe(plugin, e);
        }
      }
    }
  }

  private static HangarException describe(DiscoveredPlugin plugin, HangarException e) {
    if (Lease.isTransportFailure(e.code()) || e.code() == ErrorCode.ACTIVATION_FAILED
        || e.code() == ErrorCode.TLS_INVALID) {
      return e;
    }
    return new HangarException(ErrorCode.ACTIVATION_FAILED,
        "activation of plugin " + plugin.name() + " failed: " + e.getMessage(), e);
  }

  PluginClient newClient(DiscoveredPlugin plugin) {
    return factory.create(plugin.name(), plugin.address(), config);
  }

  ClientConfig config() {
    return config;
  }
}
