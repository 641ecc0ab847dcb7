package dev.hangar.sdk.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the Jetty server of a plugin: one pool of platform threads for the selector, the
 * acceptor and the handlers, graceful stop, JSON error pages.
 *
 * <p>The pool keeps reserved threads, so the thread that sees a request arrive runs its handler
 * itself and hands the selecting over to a reserved thread (Jetty's produce-execute-consume):
 * the request pays one thread wake-up, as with Go's {@code net/http}. Handing each request to
 * a virtual thread instead costs a second wake-up (about 15 us a call on 2 cores; see
 * bench/README.md).
 */
public final class JettyServers {
  /** Threads kept alive when idle. */
  static final int MIN_THREADS = 2;

  /** The package of Jetty's HTTP/1.1 connection, which {@link HostTolerantConnectionFactory}
   * extends. */
  static final String JETTY_INTERNAL = "org.eclipse.jetty.server.internal";

  private static final System.Logger LOG = System.getLogger("dev.hangar.sdk.PluginServer");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private JettyServers() {}

  /**
   * A server (not started, no connector yet) routing to {@code router}.
   *
   * @param router the routes
   * @param maxBodyBytes the request body limit
   * @param grace how long {@code stop()} lets in-flight requests finish
   * @param maxThreads the pool's size: the selector and acceptor, then the calls at once
   */
  public static Server create(Router router, long maxBodyBytes, Duration grace,
      int maxThreads) {
    QueuedThreadPool pool = new QueuedThreadPool(maxThreads, MIN_THREADS);
    pool.setName("hangar-plugin");
    // Jetty's heuristic: as many reserved threads as cores, at most a tenth of the pool
    pool.setReservedThreads(-1);
    Server server = new Server(pool);
    server.setHandler(new GracefulHandler(new PluginHandler(router, maxBodyBytes)));
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopTimeout(grace.toMillis());
    return server;
  }

  /** Adds a unix socket connector bound at {@code path}. */
  public static void addUnix(Server server, Path path) {
    UnixDomainServerConnector c =
        new UnixDomainServerConnector(server, 1, 1, http1());
    c.setUnixDomainPath(path);
    server.addConnector(c);
  }

  /**
   * Adds a TCP connector, with TLS when {@code tls} is not null.
   *
   * @param needClientAuth whether a client certificate is required
   * @return the connector, to read its port once started
   */
  public static ServerConnector addTcp(Server server, String host, int port, SSLContext tls,
      boolean needClientAuth) {
    HttpConnectionFactory http = http1();
    ServerConnector c;
    if (tls == null) {
      c = new ServerConnector(server, 1, 1, http);
    } else {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setSslContext(tls);
      ssl.setNeedClientAuth(needClientAuth);
      c = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, http.getProtocol()),
          http);
    }
    c.setHost(host);
    c.setPort(port);
    server.addConnector(c);
    return c;
  }

  /**
   * Whether this module may extend Jetty's {@code HttpConnection}: always on the class path; on
   * the module path only when the application grants it with
   * {@code --add-exports org.eclipse.jetty.server/org.eclipse.jetty.server.internal=dev.hangar.sdk}
   * (Jetty does not export the package).
   */
  static boolean toleratesBlankHost() {
    return HttpConnectionFactory.class.getModule()
        .isExported(JETTY_INTERNAL, JettyServers.class.getModule());
  }

  /**
   * The HTTP/1.1 connections: {@link HostTolerantConnectionFactory} where Jetty's package is
   * readable, else Jetty's own, which answers a blank {@code Host} 400 (said once per JVM).
   * The tolerant class is only touched when readable: loading it fails otherwise.
   */
  private static HttpConnectionFactory http1() {
    if (toleratesBlankHost()) {
      return new HostTolerantConnectionFactory(httpConfig());
    }
    if (WARNED.compareAndSet(false, true)) {
      Module sdk = JettyServers.class.getModule();
      LOG.log(System.Logger.Level.WARNING, "Jetty's package " + JETTY_INTERNAL + " is not"
          + " exported to " + sdk + ": requests with an empty Host header (Docker builds with"
          + " Go before 1.20.6, on unix sockets) are answered 400; run with --add-exports"
          + " org.eclipse.jetty.server/" + JETTY_INTERNAL + "="
          + (sdk.isNamed() ? sdk.getName() : "ALL-UNNAMED") + " to accept them");
    }
    return new HttpConnectionFactory(httpConfig());
  }

  private static HttpConfiguration httpConfig() {
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    // Docker's Host header on unix sockets has been the socket path, empty, or a dummy name
    // depending on the Go version: plugins must ignore it, never reject it.
    config.setHttpCompliance(HttpCompliance.RFC9110.with("hangar-plugin",
        HttpCompliance.Violation.UNSAFE_HOST_HEADER,
        HttpCompliance.Violation.DUPLICATE_HOST_HEADERS,
        HttpCompliance.Violation.MISMATCHED_AUTHORITY));
    return config;
  }
}
