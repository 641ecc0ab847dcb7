package dev.hangar.daemon.internal.server;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The daemon's Jetty server: one connector per listener, a small platform pool for selectors and
 * acceptors, a virtual thread per request, JSON error pages for what Jetty refuses itself.
 */
public final class ApiServer {
  private static final System.Logger LOG = System.getLogger("dev.hangar.daemon");
  /** How long {@link #stop} lets requests in flight finish. */
  static final long STOP_TIMEOUT_MS = 5_000;
  /** How long a connection may sit idle between requests. */
  static final long IDLE_TIMEOUT_MS = 120_000;

  private final Server jetty;
  private final List<SocketFile> sockets;
  private final List<Bound> bound;

  /** A listener as bound: its address, and the TCP connector to read the port from. */
  private record Bound(HostAddress address, ServerConnector tcp) {}

  private ApiServer(Server jetty, List<SocketFile> sockets, List<Bound> bound) {
    this.jetty = jetty;
    this.sockets = sockets;
    this.bound = bound;
  }

  /**
   * Listens on every address with {@code handler}; returns once all accept.
   *
   * @param tls the server context for TCP listeners (requiring client certificates)
   * @throws HangarException USAGE for a TCP address without {@code tls}; SOCKET_IN_USE,
   *     IO_ERROR when an address cannot be bound (nothing is left listening)
   */
  public static ApiServer start(Handler handler, List<HostAddress> addresses,
      Optional<SSLContext> tls) {
    if (tls.isEmpty() && addresses.stream().anyMatch(a -> a instanceof HostAddress.Tcp)) {
      throw new HangarException(ErrorCode.USAGE, "TCP listeners need mutual TLS: pass"
          + " --tlsverify --tlscacert --tlscert --tlskey");
    }
    QueuedThreadPool pool = new QueuedThreadPool(8, 1);
    pool.setName("hangar-daemon");
    pool.setReservedThreads(0);
    pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("hangar-api"));
    Server jetty = new Server(pool);
    jetty.setHandler(handler);
    jetty.setErrorHandler(new JsonErrorHandler());
    jetty.setStopTimeout(STOP_TIMEOUT_MS);
    List<SocketFile> sockets = new ArrayList<>();
    List<Bound> bound = new ArrayList<>();
    try {
      for (HostAddress a : addresses) {
        bound.add(switch (a) {
          case HostAddress.Unix u -> unix(jetty, u, sockets);
          case HostAddress.Tcp t -> new Bound(t, tcp(jetty, t, tls.orElseThrow()));
        });
      }
      jetty.start();
      for (SocketFile s : sockets) {
        s.publish();
      }
    } catch (Exception e) {
      stopQuietly(jetty);
      sockets.forEach(SocketFile::remove);
      if (e instanceof HangarException he) {
        throw he;
      }
      if (hasCause(e, BindException.class)) {
        throw new HangarException(ErrorCode.SOCKET_IN_USE,
            "cannot listen on " + addresses + ": address in use", e);
      }
      throw new HangarException(ErrorCode.IO_ERROR,
          "cannot listen on " + addresses + ": " + e.getMessage(), e);
    }
    return new ApiServer(jetty, sockets, bound);
  }

  private static Bound unix(Server jetty, HostAddress.Unix u, List<SocketFile> sockets) {
    SocketFile file = SocketFile.prepare(u.path());
    sockets.add(file);
    UnixDomainServerConnector c =
        new UnixDomainServerConnector(jetty, 1, 1, new HttpConnectionFactory(httpConfig()));
    c.setUnixDomainPath(file.bindPath());
    c.setIdleTimeout(IDLE_TIMEOUT_MS);
    jetty.addConnector(c);
    return new Bound(u, null);
  }

  private static ServerConnector tcp(Server jetty, HostAddress.Tcp t, SSLContext tls) {
    HttpConfiguration config = httpConfig();
    // Host is never checked against the certificate's names (Jetty's SNI host check): clients
    // name the daemon as they like, and mutual TLS is what authenticates.
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    secure.setSniRequired(false);
    config.addCustomizer(secure);
    HttpConnectionFactory http = new HttpConnectionFactory(config);
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls);
    ssl.setNeedClientAuth(true);
    ServerConnector c = new ServerConnector(jetty, 1, 1,
        new SslConnectionFactory(ssl, http.getProtocol()), http);
    c.setHost(t.host().isEmpty() ? null : t.host());
    c.setPort(t.port());
    c.setIdleTimeout(IDLE_TIMEOUT_MS);
    jetty.addConnector(c);
    return c;
  }

  private static HttpConfiguration httpConfig() {
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    // Docker's clients send Host: api.moby.localhost (or docker) on unix sockets; Host is
    // never used for routing, so Jetty must not refuse what it finds odd about it.
    config.setHttpCompliance(HttpCompliance.RFC9110.with("hangar-daemon",
        HttpCompliance.Violation.UNSAFE_HOST_HEADER,
        HttpCompliance.Violation.DUPLICATE_HOST_HEADERS,
        HttpCompliance.Violation.MISMATCHED_AUTHORITY));
    // Go's router matches the decoded path: team%2Fvol%3A1.0 names team/vol:1.0.
    config.setUriCompliance(UriCompliance.DEFAULT.with("hangar-daemon",
        UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    return config;
  }

  /** Where it listens: {@code unix:///path} and {@code tcp://host:port} (the bound port). */
  public List<URI> listening() {
    List<URI> out = new ArrayList<>();
    for (Bound b : bound) {
      if (b.address() instanceof HostAddress.Unix u) {
        out.add(URI.create("unix://" + u.path()));
      } else {
        String host = b.tcp().getHost() == null ? "0.0.0.0" : b.tcp().getHost();
        out.add(URI.create("tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
            + b.tcp().getLocalPort()));
      }
    }
    return out;
  }

  /** Removes the socket files (if still ours), so that nobody new connects. Idempotent. */
  public void unpublish() {
    sockets.forEach(SocketFile::remove);
  }

  /** Stops accepting, lets requests in flight finish (briefly), removes the socket files. */
  public void stop() {
    unpublish();
    stopQuietly(jetty);
    unpublish();
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "stopping the daemon's HTTP server failed", e);
    }
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
