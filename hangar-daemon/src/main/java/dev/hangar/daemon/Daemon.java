package dev.hangar.daemon;

import dev.hangar.DiscoveryDirs;
import dev.hangar.PluginHost;
import dev.hangar.daemon.internal.api.DaemonApi;
import dev.hangar.daemon.internal.server.ApiServer;
import dev.hangar.daemon.internal.server.HostAddress;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.metrics.HangarMetrics;
import dev.hangar.observe.HostObserver;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.tls.TlsContexts;
import dev.hangar.registry.RegistryClient;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/**
 * {@code hangar daemon}: owns the managed plugins of a root and serves Docker's Engine API for
 * plugins (and Hangar's own endpoints, {@code /hangar/v1/...}) on its listeners; see
 * {@code docs/protocol.md}.
 *
 * <p>{@link #start} returns once every listener accepts; {@link #close} is the ordered shutdown
 * (listeners closed, streams ended, plugins stopped, sockets removed) and is idempotent.
 * Thread-safe.
 *
 * @since 0.2
 */
public final class Daemon implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.hangar.daemon");

  private final PluginHost host;
  private final DaemonApi api;
  private final ApiServer server;
  private final Optional<RegistryClient> registry;
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean closing;

  private Daemon(PluginHost host, DaemonApi api, ApiServer server,
      Optional<RegistryClient> registry) {
    this.host = host;
    this.api = api;
    this.server = server;
    this.registry = registry;
  }

  /**
   * Takes the root, starts the managed plugins saved as enabled, and listens on every
   * {@link DaemonOptions#effectiveHosts()}: a unix socket (mode 0660; a stale socket file is
   * replaced) or, with {@link DaemonOptions#tls()}, a TCP port requiring client certificates
   * signed by its CA.
   *
   * @throws dev.hangar.protocol.HangarException ROOT_LOCKED, USAGE (TCP without TLS, a bad
   *     host), TLS_INVALID (unusable TLS files), SOCKET_IN_USE (a live socket at a unix path),
   *     IO_ERROR (a socket that cannot be bound)
   */
  public static Daemon start(DaemonOptions options) {
    List<HostAddress> addresses =
        options.effectiveHosts().stream().distinct().map(HostAddress::parse).toList();
    if (options.tls().isEmpty() && addresses.stream().anyMatch(HostAddress.Tcp.class::isInstance)) {
      throw new HangarException(ErrorCode.USAGE, "TCP listeners need mutual TLS: pass"
          + " --tlsverify --tlscacert --tlscert --tlskey");
    }
    Optional<SSLContext> tls =
        options.tls().map(t -> TlsContexts.server(t.cert(), t.key(), t.caCert()));
    String runtime = options.managed().runtime()
        .map(p -> p.getFileName().toString()).orElse("runc");
    // The daemon is a plugin host that serves the API: it owns the root's managed plugins.
    java.nio.file.Path root = options.managed().root();
    // The daemon's registry client (its flags); a client the settings give is the caller's.
    Optional<RegistryClient> owned = options.managed().registry().isPresent() ? Optional.empty()
        : Optional.of(options.registries().client());
    ManagedSettings managed = owned.map(options.managed()::withRegistry)
        .orElse(options.managed());
    HangarMetrics metrics = HangarMetrics.create();
    EventRelay events = new EventRelay();
    PluginHost host;
    try {
      host = PluginHost.builder().dirs(DiscoveryDirs.defaults(root))
          .pluginDirs(List.of(root.resolve("plugins"))).execDirs(List.of(root.resolve("exec")))
          .managed(managed).observer(HostObserver.all(List.of(metrics, events))).build();
    } catch (RuntimeException | Error e) {
      owned.ifPresent(RegistryClient::close);
      throw e;
    }
    ManagedPlugins plugins = host.managed().orElseThrow();
    DaemonApi api = null;
    try {
      api = DaemonApi.open(host, runtime, metrics);
      events.to(api::publish);
      ApiServer server = ApiServer.start(api.handler(), addresses, tls);
      LOG.log(Level.INFO, () -> "hangar daemon listening on " + server.listening());
      return new Daemon(host, api, server, owned);
    } catch (RuntimeException | Error e) {
      if (api != null) {
        api.close();
      }
      host.close();
      owned.ifPresent(RegistryClient::close);
      throw e;
    }
  }

  /** Where it listens, TCP ports as bound (for tests and logs). */
  List<URI> listening() {
    return server.listening();
  }

  /** Blocks until {@link #close} has finished (from another thread or a signal handler). */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /**
   * The ordered shutdown: the sockets are removed and nothing new is accepted, event streams
   * and log follows end, requests in flight get a short grace, every plugin is stopped and the
   * root released. Idempotent: a second call waits for the first to finish.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        awaitUninterruptibly();
        return;
      }
      closing = true;
    }
    try {
      server.unpublish();
      api.endStreams();
      server.stop();
      api.close();
      host.close();
      registry.ifPresent(RegistryClient::close);
    } finally {
      server.unpublish();
      closed.countDown();
    }
  }

  private void awaitUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        closed.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
