package dev.hangar.sdk.internal;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.TlsSettings;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A started Jetty server on one unix socket or TCP endpoint, and how to take it down. */
public final class Listener {
  private static final System.Logger LOG = System.getLogger("dev.hangar.sdk.PluginServer");

  /**
   * Where and how to listen.
   *
   * @param socket the unix socket, or null for TCP
   * @param socketPermissions the unix socket's permissions
   * @param host the TCP host (when {@code socket} is null)
   * @param port the TCP port, 0 for any
   * @param tls the TLS context for TCP, or null for plain HTTP
   * @param needClientAuth whether TLS clients must present a certificate
   * @param maxBodyBytes the request body limit
   * @param grace how long stopping lets in-flight requests finish
   * @param maxThreads the thread pool's size
   */
  public record Settings(Path socket, Set<PosixFilePermission> socketPermissions, String host,
      int port, SSLContext tls, boolean needClientAuth, long maxBodyBytes, Duration grace,
      int maxThreads) {}

  private final Server jetty;
  private final PluginAddress address;
  private final UnixSocketFile socketFile;

  private Listener(Server jetty, PluginAddress address, UnixSocketFile socketFile) {
    this.jetty = jetty;
    this.address = address;
    this.socketFile = socketFile;
  }

  /**
   * Starts serving {@code router}.
   *
   * @throws HangarException {@code SOCKET_IN_USE}, {@code SPEC_INVALID} or {@code IO_ERROR}
   */
  public static Listener start(Router router, Settings s) {
    Server jetty = JettyServers.create(router, s.maxBodyBytes(), s.grace(),
        s.maxThreads());
    UnixSocketFile socketFile = null;
    ServerConnector tcp = null;
    if (s.socket() != null) {
      socketFile = UnixSocketFile.prepare(s.socket(), s.socketPermissions());
      JettyServers.addUnix(jetty, socketFile.bindPath());
    } else {
      tcp = JettyServers.addTcp(jetty, s.host(), s.port(), s.tls(), s.needClientAuth());
    }
    String where = s.socket() != null ? "unix://" + s.socket() : s.host() + ":" + s.port();
    try {
      jetty.start();
      if (socketFile != null) {
        socketFile.publish();
      }
    } catch (Exception e) {
      stopQuietly(jetty);
      if (socketFile != null) {
        socketFile.remove();
      }
      if (e instanceof HangarException he) {
        throw he;
      }
      if (hasCause(e, BindException.class)) {
        throw new HangarException(ErrorCode.SOCKET_IN_USE,
            "cannot listen on " + where + ": address in use", e);
      }
      throw new HangarException(ErrorCode.IO_ERROR, "cannot listen on " + where + ": " + e, e);
    }
    PluginAddress address = s.socket() != null ? new PluginAddress.Unix(s.socket())
        : new PluginAddress.Tcp(s.host(), tcp.getLocalPort(),
            s.tls() == null ? null : TlsSettings.SYSTEM);
    LOG.log(Level.DEBUG, () -> "plugin server listening on " + address.url());
    return new Listener(jetty, address, socketFile);
  }

  /** Where it listens. */
  public PluginAddress address() {
    return address;
  }

  /** Removes the socket file (if it is still ours), so that nobody new connects. */
  public void unpublish() {
    if (socketFile != null) {
      socketFile.remove();
    }
  }

  /** Stops gracefully (within the grace period) and removes the socket file. Never throws. */
  public void stop() {
    unpublish();
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "stopping plugin server at " + address.url() + " failed", e);
    }
    unpublish();
  }

  /** Blocks until stopped. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "stopping a server that failed to start", e);
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
