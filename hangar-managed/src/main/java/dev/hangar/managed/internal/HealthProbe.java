package dev.hangar.managed.internal;

import dev.hangar.managed.HealthCheck;
import dev.hangar.managed.ManagedState;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.Manifest;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Probes one enabled plugin as its {@link HealthCheck} says, on a virtual thread of its own
 * until interrupted: {@code Plugin.Activate} every interval while the plugin is
 * {@link ManagedState#ENABLED}; a failure marks it unhealthy (event {@code unhealthy}), an answer
 * healthy again (event {@code healthy}), and {@code retries} failures in a row ask the
 * supervisor to kill it (which then restarts it with its backoff).
 */
final class HealthProbe implements Runnable {
  private static final Logger LOG = Logger.getLogger(HealthProbe.class.getName());

  private final Entry entry;
  private final Context ctx;
  private final HealthCheck check;
  private final Supervisor supervisor;
  private int failures;

  private HealthProbe(Entry entry, Context ctx, Supervisor supervisor) {
    this.entry = entry;
    this.ctx = ctx;
    this.check = ctx.settings().health();
    this.supervisor = supervisor;
  }

  /** Starts probing, or returns null when the settings probe nothing. */
  static Thread start(Entry entry, Context ctx, Supervisor supervisor) {
    if (!ctx.settings().health().enabled()) {
      return null;
    }
    return Thread.ofVirtual().name("hangar-health-" + entry.id.substring(0, 12))
        .start(new HealthProbe(entry, ctx, supervisor));
  }

  @Override
  public void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(check.interval());
        Optional<Path> socket = entry.socket();
        if (entry.state() != ManagedState.ENABLED || socket.isEmpty()) {
          failures = 0; // restarting or stopping: the next container starts afresh
          continue;
        }
        probe(socket.get());
      }
    } catch (InterruptedException e) {
      // stopped
    }
  }

  private void probe(Path socket) {
    ClientConfig cfg = ClientConfig.DEFAULT.withBackoff(Backoff.NONE)
        .withCallTimeout(check.timeout()).withDialTimeout(check.timeout());
    try (PluginClient client = PluginClient.create(entry.name(), new PluginAddress.Unix(socket),
        cfg)) {
      client.call("Plugin.Activate", null, Manifest.class);
      failures = 0;
      if (entry.unhealthy(Optional.empty())) {
        ctx.events().emit("healthy", entry.id, entry.name(), Map.of());
      }
    } catch (HangarException e) {
      failures++;
      String why = "health probe " + failures + " of " + check.retries() + " failed: "
          + e.getMessage();
      if (entry.unhealthy(Optional.of(why))) {
        ctx.events().emit("unhealthy", entry.id, entry.name(), Map.of("reason", why));
      }
      if (failures >= check.retries()) {
        LOG.warning("managed plugin " + entry.name() + ": " + why + "; killing it for a restart");
        failures = 0;
        supervisor.killUnhealthy();
      }
    }
  }
}
