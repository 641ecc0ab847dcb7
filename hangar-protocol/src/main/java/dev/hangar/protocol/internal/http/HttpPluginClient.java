package dev.hangar.protocol.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.Wire;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.client.RetryClock;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLHandshakeException;

/**
 * The {@link PluginClient}: HTTP/1.1 written by hand on JDK sockets, for latency (see ADR on the
 * client). One instance per plugin; thread-safe; connections pooled per instance.
 *
 * <p>Timeouts: for {@code call} and {@code callRaw} the timeout covers connect, send and the
 * whole reply of each attempt; for {@code stream}, until the reply head (reading the body then
 * has no limit: close the stream to abort); for {@code sendFile}, it limits inactivity while the
 * body is uploaded, then the wait for the whole reply after the last body byte. Retry waits are
 * bounded by the backoff deadline, not by the call timeout; the time spent is compared with that
 * deadline in whole seconds, so Docker's full schedule (attempts at 0, 1, 3, 7 and 15 s) runs
 * with the real clock too.
 *
 * <p>{@code sendFile} always uses a fresh connection (it returns it to the pool afterwards): its
 * body cannot be replayed, so it must not meet a pooled connection closed by the plugin.
 */
public final class HttpPluginClient implements PluginClient {
  /** The largest reply head (status line, headers; also chunk trailers) accepted. */
  static final int MAX_HEAD_BYTES = ResponseHead.MAX_HEAD_BYTES;

  private final String plugin;
  private final PluginAddress address;
  private final ClientConfig config;
  private final Dialer dialer;
  private final ConnectionPool pool;
  private final RequestWriter writer;
  private final ReplyReader replies;
  private volatile boolean closed;

  private HttpPluginClient(String plugin, PluginAddress address, ClientConfig config) {
    this.plugin = plugin;
    this.address = address;
    this.config = config;
    this.dialer = new Dialer(address);
    this.pool = new ConnectionPool(config.maxIdleConnections(), config.idleTimeout().toNanos());
    // instanceof, not a pattern switch: its bootstrap spins a class at run time, milliseconds
    // of a CLI command's start
    this.writer = new RequestWriter(address instanceof PluginAddress.Tcp t
        ? (t.host().indexOf(':') >= 0 ? "[" + t.host() + "]" : t.host()) + ":" + t.port()
        : Wire.UNIX_HOST);
    this.replies = new ReplyReader(plugin, config);
  }

  /**
   * Opens a client. Connects lazily, on the first call.
   *
   * @param pluginName the plugin's name, used in error messages
   * @param address where it listens
   * @param config limits and retry settings
   * @return the client
   */
  public static PluginClient open(String pluginName, PluginAddress address, ClientConfig config) {
    Objects.requireNonNull(pluginName, "pluginName");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(config, "config");
    return new HttpPluginClient(pluginName, address, config);
  }

  @Override
  public String pluginName() {
    return plugin;
  }

  @Override
  public PluginAddress address() {
    return address;
  }

  @Override
  public <T> T call(String method, Object args, Type resultType, CallOptions options) {
    Objects.requireNonNull(resultType, "resultType");
    Objects.requireNonNull(options, "options");
    boolean ignore = ReplyReader.isVoid(resultType) && !options.errInBody();
    byte[] body = run(method, args == null ? null : encode(method, args), null, options,
        ex -> replies.buffered(method, ex, ignore));
    return replies.decode(method, body, resultType, options.errInBody());
  }

  @Override
  public byte[] callRaw(String method, Object args, CallOptions options) {
    Objects.requireNonNull(options, "options");
    byte[] body = run(method, args == null ? null : encode(method, args), null, options,
        ex -> replies.buffered(method, ex, false));
    if (options.errInBody()) {
      replies.checkErr(method, body);
    }
    return body;
  }

  @Override
  public InputStream stream(String method, Object args, CallOptions options) {
    Objects.requireNonNull(options, "options");
    return run(method, encode(method, args), null, options, ex -> replies.stream(method, ex));
  }

  @Override
  public <T> T sendFile(String method, InputStream body, long length, Type resultType,
      CallOptions options) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(resultType, "resultType");
    Objects.requireNonNull(options, "options");
    boolean ignore = ReplyReader.isVoid(resultType) && !options.errInBody();
    byte[] reply = run(method, null, new RequestWriter.Upload(body, length), options,
        ex -> replies.buffered(method, ex, ignore));
    return replies.decode(method, reply, resultType, options.errInBody());
  }

  @Override
  public <T> T proxy(Class<T> iface) {
    return PluginProxy.create(this, iface);
  }

  /**
   * Closes idle connections. Calls started afterwards throw IllegalStateException; a call in
   * progress finishes its attempt (its connection is then closed) and ends with its last failure
   * instead of retrying. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    pool.close();
  }

  /** Idle pooled connections (for tests). */
  int idleConnections() {
    return pool.idleCount();
  }

  @Override
  public String toString() {
    return "PluginClient[" + plugin + " at " + address.url() + "]";
  }

  private static byte[] encode(String method, Object args) {
    try {
      return GoJson.encode(args);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode the arguments of " + method + " as JSON: "
          + Json.problem(e), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("client of plugin " + plugin + " is closed");
    }
  }

  /** Reads the reply on an exchange: buffered, or handing over its body. */
  @FunctionalInterface
  private interface Reply<R> {
    R read(Exchange ex) throws IOException;
  }

  /**
   * Runs a call: attempts, retries on the backoff schedule what may be retried, maps the rest.
   */
  private <R> R run(String method, byte[] json, RequestWriter.Upload upload, CallOptions options,
      Reply<R> reply) {
    String target = RequestWriter.target(method);
    ensureOpen();
    Duration timeout = options.timeoutOverride().orElse(config.callTimeout());
    RetryClock clock = config.clock();
    Backoff backoff = config.backoff();
    long start = clock.nanoTime();
    int attempts = 0;
    int waits = 0;
    boolean fresh = false;
    boolean staleRetried = false;
    // the first failure after which the whole request may have reached the plugin (a
    // connection lost while waiting for the reply, stale or not; a timeout): from then on a
    // failure to connect proves nothing
    AttemptFailure reached = null;
    boolean tcp = !(address instanceof PluginAddress.Unix);
    while (true) {
      attempts++;
      AttemptFailure f;
      try {
        return attempt(method, target, json, upload, timeout, fresh, reply);
      } catch (AttemptFailure e) {
        f = e;
      }
      if (reached == null && f.sent) {
        reached = f;
      }
      boolean replayable = upload == null || !upload.started;
      if (f.stale && !staleRetried && replayable && (!f.sent || options.idempotent() || tcp)) {
        // Go's net/http rule: a reused idle connection died before any reply byte; once per
        // call, retry at once on a fresh connection. On a unix socket a connection the plugin
        // closed fails the write, so one written whole may have been read by a plugin killed
        // since: resent only when idempotent. Over TCP the close shows only at the read.
        staleRetried = true;
        fresh = true;
        continue;
      }
      fresh = false;
      // A connect failure is retried only while the request cannot have reached the plugin:
      // after a stale connection's resend fails to connect (the plugin died after reading it),
      // a retry would deliver it again to a plugin restarted meanwhile.
      boolean retryable = replayable && (options.idempotent()
          || (f.kind == AttemptFailure.Kind.CONNECT && reached == null));
      // PLUGIN_UNREACHABLE promises the request never arrived: report the failure that says
      // it may have
      AttemptFailure last = f.kind == AttemptFailure.Kind.CONNECT && reached != null
          ? reached : f;
      Duration next = Backoff.wait(waits);
      Duration elapsed = Duration.ofNanos(clock.nanoTime() - start);
      if (!retryable || !backoff.retryAfter(elapsed, next)) {
        throw ErrorMapper.attempt(plugin, method, address.url(), last, timeout, attempts,
            elapsed);
      }
      waits++;
      try {
        clock.sleep(next);
      } catch (InterruptedException e) {
        throw ErrorMapper.interrupted(plugin, method, address.url(), e);
      }
      if (closed) {
        // closed while this call waited to retry: it ends with its last failure, not as misuse
        throw ErrorMapper.attempt(plugin, method, address.url(), last, timeout, attempts,
            Duration.ofNanos(clock.nanoTime() - start));
      }
    }
  }

  private <R> R attempt(String method, String target, byte[] json, RequestWriter.Upload upload,
      Duration timeout, boolean fresh, Reply<R> reply) throws AttemptFailure {
    // An upload cannot be replayed once its stream was read, so it never risks a pooled
    // connection the plugin may have closed while idle: it always dials a fresh one.
    Connection conn = fresh || upload != null ? null : pool.take();
    boolean reused = conn != null;
    Watchdog dog = Watchdog.start(timeout.toNanos(), upload != null);
    if (conn == null) {
      try {
        conn = dialer.dial((int) Math.min(config.dialTimeout().toMillis(), timeout.toMillis()));
      } catch (SSLHandshakeException e) {
        dog.disarm();
        throw ErrorMapper.tls(plugin, method, address.url(), e);
      } catch (IOException e) {
        dog.disarm();
        throw new AttemptFailure(AttemptFailure.Kind.CONNECT, false, e);
      } catch (RuntimeException e) {
        dog.disarm();
        throw e;
      }
    }
    dog.attach(conn);
    Exchange ex = new Exchange(conn, dog, pool);
    boolean ok = false;
    try {
      conn.in.resetReceived();
      IOException writeFailure = null;
      try {
        if (upload == null) {
          writer.write(conn, target, json);
        } else {
          writer.write(conn, target, upload, dog);
        }
      } catch (RequestWriter.SourceFailed e) {
        throw ErrorMapper.uploadFailed(plugin, method, e.io());
      } catch (IOException e) {
        boolean replayable = upload == null || !upload.started;
        if (upload == null || dog.fired()) {
          throw failure(dog, reused && replayable && conn.in.received() == 0, false, e);
        }
        // A plugin may answer an upload early (rejecting it) and close: read that answer, as
        // Go's client does, but never reuse the connection, its request being incomplete.
        writeFailure = e;
        ex.noReuse();
      }
      R r;
      try {
        r = reply.read(ex);
      } catch (ProtocolViolation v) {
        if (writeFailure != null || dog.fired()) {
          throw failure(dog, false, true, writeFailure != null ? writeFailure : v);
        }
        throw ErrorMapper.protocol(plugin, method, v);
      } catch (SSLHandshakeException e) {
        throw ErrorMapper.tls(plugin, method, address.url(), e);
      } catch (IOException e) {
        boolean replayable = upload == null || !upload.started;
        throw failure(dog, reused && replayable && conn.in.received() == 0, true,
            writeFailure != null ? writeFailure : e);
      }
      ok = true;
      return r;
    } finally {
      if (!ok) {
        ex.abandon();
      }
    }
  }

  /**
   * The failure of an attempt whose connection broke or timed out.
   *
   * @param sent whether the whole request was written before the connection broke
   */
  private static AttemptFailure failure(Watchdog dog, boolean stale, boolean sent,
      IOException e) {
    if (dog.fired()) {
      return new AttemptFailure(AttemptFailure.Kind.TIMEOUT, false, e);
    }
    return new AttemptFailure(AttemptFailure.Kind.LOST, stale, sent, e);
  }
}
