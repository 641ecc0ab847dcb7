package dev.hangar.daemon.internal.api;

import dev.hangar.PluginHost;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.metrics.HangarMetrics;
import dev.hangar.observe.PluginEvent;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;

/**
 * The daemon's HTTP API over one {@link ManagedPlugins}: the Jetty handler, the event hub fed
 * by the plugins' events, and the end of every long answer at shutdown.
 *
 * <p>Thread-safe. {@link #close} is idempotent.
 */
public final class DaemonApi implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.hangar.daemon");

  private final EventHub hub = new EventHub();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final ApiHandler handler;
  private final AutoCloseable subscription;

  private DaemonApi(ManagedPlugins plugins, ServerIdentity id, HangarMetrics metrics,
      HostPlugins host) {
    this.handler = new ApiHandler(new Endpoints(new SystemEndpoints(plugins, hub, id),
        new PluginEndpoints(plugins), new EventsEndpoint(hub), new HangarEndpoints(plugins),
        new LogsEndpoint(plugins, closing::get), new CallEndpoint(plugins, metrics, host),
        new DistEndpoints(plugins), metrics), id.serverHeader());
    this.subscription = plugins.subscribe(hub::publish);
  }

  /**
   * The API of {@code plugins}, subscribed to their events from now on, with metrics of its
   * own.
   *
   * @param runtime the OCI runtime's name, for {@code /info}
   */
  public static DaemonApi open(ManagedPlugins plugins, String runtime) {
    return open(plugins, runtime, HangarMetrics.create());
  }

  /**
   * The API of {@code plugins}, subscribed to their events from now on, serving
   * {@code metrics} on {@code GET /metrics} (and counting the calls it relays in them).
   *
   * @param runtime the OCI runtime's name, for {@code /info}
   */
  public static DaemonApi open(ManagedPlugins plugins, String runtime, HangarMetrics metrics) {
    return new DaemonApi(plugins, ServerIdentity.of(plugins.settings().root(), runtime),
        metrics, HostPlugins.NONE);
  }

  /**
   * The API of {@code host}'s managed plugins, as {@link #open(ManagedPlugins, String,
   * HangarMetrics)}, relaying calls of any other name to the socket plugins {@code host} finds,
   * and exec and JAR calls to its exec and JAR plugins.
   *
   * @throws java.util.NoSuchElementException when the host owns no managed plugins
   */
  public static DaemonApi open(PluginHost host, String runtime, HangarMetrics metrics) {
    ManagedPlugins plugins = host.managed().orElseThrow();
    return new DaemonApi(plugins, ServerIdentity.of(plugins.settings().root(), runtime),
        metrics, HostPlugins.of(host));
  }

  /**
   * Streams an event of a host's plugin on {@code GET /events}. Managed plugins' events come
   * from the plugins themselves, so those are ignored here.
   */
  public void publish(PluginEvent e) {
    if (!e.kind().equals(PluginEvent.MANAGED)) {
      hub.publish(EventMessage.of(e));
    }
  }

  /** The handler to serve. */
  public Handler handler() {
    return handler;
  }

  /** Ends every event stream and log follow (their clients see the end of the stream). */
  public void endStreams() {
    closing.set(true);
    hub.close();
  }

  /** Ends the streams and unsubscribes from the plugins' events. Idempotent. */
  @Override
  public void close() {
    endStreams();
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "closing the daemon's event subscription failed", e);
    }
  }
}
