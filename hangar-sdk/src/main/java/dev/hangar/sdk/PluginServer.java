package dev.hangar.sdk;

import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.Wire;
import dev.hangar.protocol.internal.tls.TlsContexts;
import dev.hangar.sdk.internal.InterfaceBinding;
import dev.hangar.sdk.internal.Listener;
import dev.hangar.sdk.internal.Router;
import dev.hangar.sdk.internal.SpecFiles;
import dev.hangar.sdk.internal.UnixSocketFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * A running socket plugin: an HTTP server speaking Docker's plugin protocol on a unix socket or on
 * TCP (optionally TLS).
 *
 * <pre>{@code
 * try (PluginServer server = PluginServer.builder()
 *     .serve(VolumeDriver.class, new MyDriver())
 *     .unixSocket(Path.of("/run/docker/plugins/myvol.sock"))
 *     .start()) {
 *   server.awaitClose();
 * }
 * }</pre>
 *
 * <p>The server answers {@code POST /Plugin.Activate} with {@code {"Implements":[...]}}, routes
 * {@code POST /<Iface>.<Method>} to its handlers, and follows the rules Docker expects: 404 with
 * {@code {"Err":...}} for an unknown method, 500 with {@code {"Err":"<message>"}} when a handler
 * throws (the stack trace is logged as a warning, never sent; a {@link PluginError}, an answer on
 * purpose, is logged at debug level without one), 400 for a body that is not valid JSON, 413 for a
 * body over {@link Builder#maxBodyBytes(long) the limit}, 405 for a method other than POST, and a
 * JSON body (at least {@code {}}) on every 200, with Content-Type
 * {@code application/vnd.docker.plugins.v1.1+json}. Host headers and query strings are ignored.
 *
 * <p>Thread-safe. Requests run on a pool of platform threads ({@link Builder#maxThreads(int) at
 * most 200} by default, Jetty's default), so handlers may block and must be thread-safe; beyond
 * that many calls at once, requests wait for a thread. {@link #close()} is graceful and
 * idempotent.
 *
 * @since 0.1
 */
public final class PluginServer implements AutoCloseable {
  /** The default request body limit: 16 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;

  /** The default time {@link #close()} gives in-flight requests: 10 seconds. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(10);

  /** The default size of the thread pool that runs requests: 200 (Jetty's default). */
  public static final int DEFAULT_MAX_THREADS = 200;

  /** The default permissions of a unix socket: {@code rw-------} (0600). */
  public static final Set<PosixFilePermission> DEFAULT_SOCKET_PERMISSIONS =
      Set.copyOf(PosixFilePermissions.fromString("rw-------"));

  private final Listener listener;
  private final PluginAddress address;
  private final List<String> implementsList;
  private final List<Path> specFiles = new ArrayList<>();
  private boolean closed;

  private PluginServer(Listener listener, List<String> implementsList) {
    this.listener = listener;
    this.address = listener.address();
    this.implementsList = implementsList;
  }

  /** A builder of a server; nothing listens until {@link Builder#start()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Where the server listens: the unix socket, or the TCP host and the actual port (the chosen one
   * when port 0 was asked). Its {@link PluginAddress#url()} is what a {@code .spec} file holds:
   * {@code unix:///path}, {@code tcp://host:port}, or {@code https://host:port} with TLS (the
   * address then carries {@link dev.hangar.protocol.TlsSettings#SYSTEM} only to mark TLS; clients
   * bring their own trust settings).
   */
  public PluginAddress address() {
    return address;
  }

  /** The capabilities sent in reply to {@code Plugin.Activate}, in declaration order. */
  public List<String> implementsList() {
    return implementsList;
  }

  /**
   * Writes {@code <dir>/<name>.spec} holding {@link #address()}'s URL, so that Docker and Hangar
   * discover the plugin by name. Atomic: a temp file is written, synced and renamed over any
   * existing file. The file is removed by {@link #close()} if it still holds this URL.
   *
   * @param dir the spec directory, created if missing
   * @param name the plugin name: 1 to 128 characters of {@code [A-Za-z0-9_.-]}, starting with a
   *     letter or digit, without {@code ..}
   * @return the spec file
   * @throws HangarException {@code INVALID_PLUGIN_NAME} for a bad name, {@code IO_ERROR} when the
   *     file cannot be written
   * @throws IllegalStateException when the server is closed
   */
  public synchronized Path writeSpec(Path dir, String name) {
    if (closed) {
      throw new IllegalStateException("plugin server is closed");
    }
    Path spec = SpecFiles.write(dir, name, address.url());
    specFiles.add(spec);
    return spec;
  }

  /** Blocks until the server has stopped (closed from another thread, or by a shutdown hook). */
  public void awaitClose() throws InterruptedException {
    listener.join();
  }

  /**
   * Stops the server gracefully: removes its spec files and its socket file (so nobody new finds
   * or reaches it), stops accepting connections, lets in-flight requests finish within the grace
   * period, then closes every connection. Returns once stopped; a handler still running after the
   * grace period is left to finish on its own, its connection closed. Idempotent; never throws.
   * Until it is called the server's threads keep the JVM alive.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Path spec : specFiles) {
      SpecFiles.remove(spec, address.url());
    }
    listener.stop();
  }

  @Override
  public String toString() {
    return "PluginServer[" + address.url() + " " + implementsList + "]";
  }

  /**
   * Configures a {@link PluginServer}. Not thread-safe; use it from one thread.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Map<String, RawHandler> routes = new LinkedHashMap<>();
    private final Set<String> implementsSet = new LinkedHashSet<>();
    private Path socket;
    private String host;
    private int port;
    private SSLContext tlsContext;
    private boolean needClientAuth;
    private Set<PosixFilePermission> socketPermissions = DEFAULT_SOCKET_PERMISSIONS;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
    private int maxThreads = DEFAULT_MAX_THREADS;

    private Builder() {}

    /**
     * Serves {@code impl} as {@code iface}: adds the interface's capability (from
     * {@link dev.hangar.protocol.PluginInterface}) to {@code Implements} and routes each of its
     * {@link dev.hangar.protocol.WireMethod}s to {@code impl}. Repeatable, one call per interface.
     *
     * <p>A method's single parameter is decoded from the JSON body (keys case-insensitive, unknown
     * keys ignored); an empty body is decoded as {@code {}}. A {@code void} or null result is sent
     * as {@code {}}; an {@link java.io.InputStream} result is streamed as the body (chunked) and
     * closed. A body that does not fit the parameter type is a 400.
     *
     * @throws IllegalArgumentException when {@code iface} is not an annotated interface, a method
     *     lacks {@code @WireMethod} or has several parameters, or a wire method is already routed
     */
    public <T> Builder serve(Class<T> iface, T impl) {
      String capability = InterfaceBinding.capability(iface);
      Map<String, RawHandler> endpoints = InterfaceBinding.endpoints(iface, impl);
      endpoints.keySet().forEach(this::checkFree);
      routes.putAll(endpoints);
      implementsSet.add(capability);
      return this;
    }

    /**
     * Routes {@code wireMethod} (e.g. {@code NetworkDriver.GetCapabilities}) to {@code handler}.
     * Does not change {@code Implements}; see {@link #implement(String)}.
     *
     * @throws IllegalArgumentException when the method is empty, starts with {@code /}, is
     *     {@code Plugin.Activate}, or is already routed
     */
    public Builder handle(String wireMethod, RawHandler handler) {
      Objects.requireNonNull(handler, "handler");
      if (wireMethod == null || wireMethod.isEmpty() || wireMethod.startsWith("/")
          || wireMethod.contains("?")) {
        throw new IllegalArgumentException("unusable wire method '" + wireMethod
            + "': give it as Iface.Method, without a leading slash");
      }
      checkFree(wireMethod);
      routes.put(wireMethod, handler);
      return this;
    }

    /** Adds {@code capability} to the {@code Implements} list (exact, case-sensitive). */
    public Builder implement(String capability) {
      if (capability == null || capability.isEmpty()) {
        throw new IllegalArgumentException("empty capability");
      }
      implementsSet.add(capability);
      return this;
    }

    /**
     * Listens on a unix socket at {@code path} (made absolute). Its parent directory is created
     * if missing; a stale socket there is replaced; a live one, or any other file, is left alone
     * and {@link #start()} fails.
     *
     * @throws IllegalArgumentException when the path is longer than the JDK allows for a unix
     *     socket (106 bytes)
     */
    public Builder unixSocket(Path path) {
      Path abs = path.toAbsolutePath().normalize();
      new PluginAddress.Unix(abs);
      int bytes = abs.toString().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > UnixSocketFile.MAX_PATH_BYTES) {
        throw new IllegalArgumentException("unix socket path is too long (" + bytes
            + " bytes, the JDK's limit is " + UnixSocketFile.MAX_PATH_BYTES + "): " + abs);
      }
      this.socket = abs;
      this.host = null;
      return this;
    }

    /**
     * Listens on TCP at {@code host} and {@code port}; port 0 picks a free one (see
     * {@link PluginServer#address()}).
     */
    public Builder tcp(String host, int port) {
      if (host == null || host.isEmpty()) {
        throw new IllegalArgumentException("missing host");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.host = host;
      this.port = port;
      this.socket = null;
      return this;
    }

    /**
     * Serves TCP with TLS: presents {@code cert} (a PEM chain, leaf first) with {@code key} (PEM:
     * PKCS#8, PKCS#1 RSA or SEC1 EC); when {@code clientCaOrNull} is given, clients must present a
     * certificate issued by one of its CAs. TLS 1.2 and 1.3 only. The files are read here.
     *
     * @throws HangarException {@code TLS_INVALID} naming a file that cannot be read or used
     */
    public Builder tls(Path cert, Path key, Path clientCaOrNull) {
      return tls(TlsContexts.server(cert, key, clientCaOrNull), clientCaOrNull != null);
    }

    /**
     * Serves TCP with TLS using {@code context}; when {@code requireClientCertificate} is true,
     * clients must present a certificate the context's trust managers accept.
     */
    public Builder tls(SSLContext context, boolean requireClientCertificate) {
      this.tlsContext = Objects.requireNonNull(context, "context");
      this.needClientAuth = requireClientCertificate;
      return this;
    }

    /** The unix socket's permissions (default {@code rw-------}), e.g. {@code rw-rw----}. */
    public Builder socketPermissions(Set<PosixFilePermission> permissions) {
      this.socketPermissions = Set.copyOf(permissions);
      return this;
    }

    /** The largest request body accepted (default 16 MiB); larger bodies get a 413. */
    public Builder maxBodyBytes(long max) {
      if (max < 1 || max > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxBodyBytes out of range: " + max);
      }
      this.maxBodyBytes = max;
      return this;
    }

    /** How long {@link PluginServer#close()} lets in-flight requests finish (default 10 s). */
    public Builder gracePeriod(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("negative grace period: " + grace);
      }
      this.gracePeriod = grace;
      return this;
    }

    /**
     * The size of the thread pool (default 200): a few threads select and accept, the others
     * run calls, so at least 8. Calls beyond the pool's capacity wait for a thread.
     */
    public Builder maxThreads(int max) {
      if (max < 8 || max > 10_000) {
        throw new IllegalArgumentException("maxThreads out of range 8..10000: " + max);
      }
      this.maxThreads = max;
      return this;
    }

    /**
     * Starts listening.
     *
     * @return the running server; close it
     * @throws IllegalStateException when no listener was chosen, or TLS was asked on a unix socket
     * @throws HangarException {@code SOCKET_IN_USE} when the socket or port is taken,
     *     {@code SPEC_INVALID} when a non-socket file is at the socket path, {@code IO_ERROR} for
     *     other failures to listen
     */
    public PluginServer start() {
      if (socket == null && host == null) {
        throw new IllegalStateException("choose unixSocket(path) or tcp(host, port) first");
      }
      if (socket != null && tlsContext != null) {
        throw new IllegalStateException("TLS is only served on TCP");
      }
      Router router = new Router(routes, List.copyOf(implementsSet));
      Listener listener = Listener.start(router, new Listener.Settings(socket, socketPermissions,
          host, port, tlsContext, needClientAuth, maxBodyBytes, gracePeriod, maxThreads));
      return new PluginServer(listener, router.implementsList());
    }

    private void checkFree(String wireMethod) {
      if (Wire.ACTIVATE.equals(wireMethod)) {
        throw new IllegalArgumentException(Wire.ACTIVATE + " is answered by the server itself");
      }
      if (routes.containsKey(wireMethod)) {
        throw new IllegalArgumentException("wire method " + wireMethod + " is already routed");
      }
    }
  }
}
