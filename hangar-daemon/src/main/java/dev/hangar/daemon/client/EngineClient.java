package dev.hangar.daemon.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.exec.ExecResult;
import dev.hangar.exec.ResultKind;
import dev.hangar.managed.Privilege;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.protocol.internal.tls.TlsContexts;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A client of the Hangar daemon: Docker's Engine API for plugins plus Hangar's own routes, over
 * a unix socket, TCP, or TCP with TLS. HTTP/1.1 written by hand on JDK sockets (the JDK's
 * {@code HttpClient} cannot use unix sockets, and start-up time matters to a CLI).
 *
 * <p>Talks as Docker's Go client does: {@code GET /_ping} first (lazily, once), then Engine
 * routes under {@code /v<Api-Version>/} (the version the daemon's ping announced; unversioned
 * without one); Hangar's routes live under {@code /hangar/v1/}. Names go into paths as they are,
 * {@code /} and {@code :} included ({@code /plugins/vieux/sshfs:latest/json}).
 *
 * <p>Errors: a reply that is not 2xx becomes one {@link HangarException} whose code is the
 * daemon's {@code Hangar-Error-Code} header, else one chosen from the status, and whose message
 * is the daemon's {@code {"message"}}. No daemon answering (no socket file, connection refused,
 * connect or read timeout) is DAEMON_UNREACHABLE: {@code Cannot connect to the Hangar daemon at
 * unix:///...: is 'hangar daemon' running?}. A connection that breaks mid-request is
 * CONNECTION_LOST (the daemon may have acted); a malformed reply PROTOCOL_ERROR.
 *
 * <p>Timeouts: connecting (and a TLS handshake) 5 s; every read and write of a request and of
 * its reply 60 s of inactivity by default ({@link #open(DaemonAddress, Optional, Duration)});
 * a followed stream ({@link #logs}, {@link #events}) has no limit once its head arrived.
 *
 * <p>Thread-safe; no connection is made before the first call. {@link #close()} closes every
 * connection: a stream being read on another thread then ends, and its call returns normally.
 *
 * @since 0.2
 */
public final class EngineClient implements AutoCloseable {
  /** The limit of a connect and of a TLS handshake. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** The default inactivity limit of a request and its reply. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  static final int MAX_BODY = 64 << 20;
  private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}");
  private static final String JSON = "application/json";

  private final Transport transport;
  private final Duration readTimeout;
  private EnginePing ping;

  private EngineClient(Transport transport, Duration readTimeout) {
    this.transport = transport;
    this.readTimeout = readTimeout;
  }

  /**
   * A client of the daemon at {@code address}, with the default read timeout. Connects on first
   * use.
   *
   * @param tls TLS for a {@code tcp://} address (ignored for a unix socket)
   * @throws HangarException TLS_INVALID naming a TLS file that cannot be used
   */
  public static EngineClient open(DaemonAddress address, Optional<TlsSettings> tls) {
    return open(address, tls, READ_TIMEOUT);
  }

  /**
   * As {@link #open(DaemonAddress, Optional)}, with another inactivity limit for requests.
   *
   * @param readTimeout the longest a request may go without a byte moving (positive)
   */
  public static EngineClient open(DaemonAddress address, Optional<TlsSettings> tls,
      Duration readTimeout) {
    Objects.requireNonNull(address, "address");
    if (readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("read timeout must be positive: " + readTimeout);
    }
    SSLContext ctx = address instanceof DaemonAddress.Tcp && tls.isPresent()
        ? TlsContexts.client(tls.get()) : null;
    return new EngineClient(new Transport(address, ctx, CONNECT_TIMEOUT), readTimeout);
  }

  /** The daemon's address. */
  public DaemonAddress address() {
    return transport.address();
  }

  /**
   * {@code GET /_ping}: whether a daemon answers, and its API version (remembered for the
   * requests that follow).
   *
   * @throws HangarException DAEMON_UNREACHABLE; PROTOCOL_ERROR when what answers is no daemon
   */
  public EnginePing ping() {
    Request r = get(Target.of("/_ping"));
    Reply reply = transport.execute(r);
    Optional<String> version = reply.header("Api-Version").filter(v -> VERSION.matcher(v)
        .matches());
    if (!reply.ok() && version.isEmpty()) {
      reply.close();
      throw new HangarException(ErrorCode.PROTOCOL_ERROR, "what answers at " + address()
          + " is not a Hangar daemon: GET /_ping returned " + reply.status());
    }
    Calls.drain(reply);
    EnginePing p = new EnginePing(version, reply.header("Ostype"),
        reply.header("Docker-Experimental").map("true"::equalsIgnoreCase).orElse(false));
    synchronized (this) {
      ping = p;
    }
    return p;
  }

  /**
   * {@code GET /plugins}: Docker's Plugin objects, as the daemon sent them.
   *
   * @param filters e.g. {@code enabled=[true]}, {@code capability=[volumedriver]}; empty for all
   * @return a JSON array
   */
  public JsonNode listPlugins(Map<String, List<String>> filters) {
    Target t = engine("/plugins");
    if (!filters.isEmpty()) {
      t.query("filters", Calls.filters(filters));
    }
    return calls().json(get(t));
  }

  /**
   * {@code GET /hangar/v1/plugins}: every managed plugin with Hangar's state, by name.
   *
   * @throws HangarException PROTOCOL_ERROR for a reply that is not such a list
   */
  public List<ManagedStatus> listManaged() {
    return calls().statuses(get(Target.of("/hangar/v1/plugins")));
  }

  /**
   * {@code GET /plugins/{name}/json}: one plugin, found as Docker finds it (ID, name with or
   * without {@code :latest}, unique ID prefix).
   *
   * @throws HangarException PLUGIN_NOT_FOUND, PLUGIN_AMBIGUOUS
   */
  public JsonNode inspect(String name) {
    return calls().json(get(engine("/plugins/").path(id(name)).path("/json")));
  }

  /** {@link #inspect}, empty when no plugin has that name (a 404). */
  public Optional<JsonNode> find(String name) {
    try {
      return Optional.of(inspect(name));
    } catch (HangarException e) {
      if (e.code() == ErrorCode.PLUGIN_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * {@code POST /plugins/create?name=}: creates a disabled plugin from a package tar (optionally
   * gzipped) holding {@code config.json} and {@code rootfs/}; sent as read, chunked.
   *
   * @throws HangarException PLUGIN_EXISTS, PACKAGE_INVALID, INVALID_PLUGIN_NAME, IO_ERROR (the
   *     stream failed)
   */
  public void create(String name, InputStream tar) {
    create(name, out -> tar.transferTo(out));
  }

  /** As {@link #create(String, InputStream)}, the tar written while it is sent. */
  public void create(String name, RequestBody tar) {
    Target t = engine("/plugins/create").query("name", id(name));
    calls().ok(new Request("POST", t.toString(), "application/x-tar", null, tar, readTimeout,
        false));
  }

  /**
   * {@code POST /plugins/{name}/enable?timeout=N}.
   *
   * @param timeoutSeconds the plugin's HTTP client timeout (Docker's; 0 for none)
   * @throws HangarException PLUGIN_ENABLED, PLUGIN_START_FAILED, RUNTIME_UNAVAILABLE
   */
  public void enable(String name, int timeoutSeconds) {
    if (timeoutSeconds < 0) {
      throw new HangarException(ErrorCode.USAGE, "negative timeout " + timeoutSeconds
          + " is invalid");
    }
    calls().ok(post(engine("/plugins/").path(id(name)).path("/enable")
        .query("timeout", Integer.toString(timeoutSeconds)), null));
  }

  /**
   * {@code POST /plugins/{name}/disable} ({@code ?force=1} with {@code force}).
   *
   * @throws HangarException PLUGIN_DISABLED, PLUGIN_IN_USE
   */
  public void disable(String name, boolean force) {
    Target t = engine("/plugins/").path(id(name)).path("/disable");
    calls().ok(post(force ? t.query("force", "1") : t, null));
  }

  /**
   * {@code POST /plugins/{name}/set} with the JSON array of {@code args}
   * ({@code <name>[.<field>][=<value>]}).
   *
   * @throws HangarException SETTING_INVALID
   */
  public void set(String name, List<String> args) {
    calls().ok(post(engine("/plugins/").path(id(name)).path("/set"), Calls.toJson(args)));
  }

  /**
   * {@code DELETE /plugins/{name}} ({@code ?force=1} with {@code force}).
   *
   * @throws HangarException PLUGIN_ENABLED, PLUGIN_IN_USE
   */
  public void remove(String name, boolean force) {
    Target t = engine("/plugins/").path(id(name));
    calls().ok(new Request("DELETE", (force ? t.query("force", "1") : t).toString(), null, null,
        null, readTimeout, false));
  }

  /** {@code GET /hangar/v1/plugins/{name}/privileges}: what the plugin asks for. */
  public List<Privilege> privileges(String name) {
    return Calls.privileges(address(), calls().json(get(Target.of("/hangar/v1/plugins/")
        .path(id(name)).path("/privileges"))));
  }

  /**
   * {@code GET /plugins/privileges?remote=}: what the plugin image {@code remote} asks for.
   *
   * @param registryAuth {@code X-Registry-Auth} ({@link RegistryAuthHeader}), or empty for the
   *     daemon's own credentials
   * @throws HangarException INVALID_PLUGIN_NAME, MANIFEST_NOT_FOUND, MANIFEST_INVALID and the
   *     registry's other codes, as the daemon reports them
   */
  public List<Privilege> remotePrivileges(String remote, Optional<String> registryAuth) {
    return Calls.privileges(address(), calls().json(get(engine("/plugins/privileges")
        .query("remote", remote)).withRegistryAuth(registryAuth)));
  }

  /**
   * {@code GET /hangar/v1/remote?remote=&name=}: the remote plugin image's manifest digest, the
   * name a pull of it gets, and its privileges (Hangar's daemon only).
   *
   * @param name the local name, or {@code ""}
   * @param registryAuth {@code X-Registry-Auth} ({@link RegistryAuthHeader}), or empty for the
   *     daemon's own credentials
   * @throws HangarException as {@link #remotePrivileges}; PLUGIN_NOT_FOUND from a daemon
   *     without the route
   */
  public RemotePlugin remote(String remote, String name, Optional<String> registryAuth) {
    Target t = Target.of("/hangar/v1/remote").query("remote", remote);
    if (!name.isEmpty()) {
      t.query("name", name);
    }
    JsonNode n = calls().json(get(t).withRegistryAuth(registryAuth));
    return new RemotePlugin(n.path("Digest").asText(""), n.path("Name").asText(""),
        Calls.privileges(address(), n.path("Privileges")));
  }

  /**
   * {@code POST /plugins/pull?remote=&name=} with the granted privileges: installs the plugin,
   * disabled, giving each progress message of the stream to {@code onMessage}.
   *
   * @param name the local name, or {@code ""} for the remote's
   * @param registryAuth {@code X-Registry-Auth} ({@link RegistryAuthHeader}), or empty for the
   *     daemon's own credentials
   * @return the stored name ({@code Docker-Plugin-Name})
   * @throws HangarException PLUGIN_EXISTS, PRIVILEGES_INCORRECT, DIGEST_MISMATCH, ... (an
   *     in-stream error with the code the daemon named)
   */
  public String pull(String remote, String name, List<Privilege> granted,
      Optional<String> registryAuth, Consumer<JsonNode> onMessage) {
    Target t = engine("/plugins/pull").query("remote", remote);
    if (!name.isEmpty()) {
      t.query("name", name);
    }
    return calls().progress(post(t, Calls.toJson(privilegesJson(granted)))
        .withRegistryAuth(registryAuth), "Docker-Plugin-Name", onMessage);
  }

  /**
   * {@code POST /plugins/{name}/push}: pushes the plugin, giving each progress message to
   * {@code onMessage} (the last one Docker's {@code aux} with Tag, Digest and Size).
   *
   * @param registryAuth {@code X-Registry-Auth} ({@link RegistryAuthHeader}), or empty for the
   *     daemon's own credentials
   * @throws HangarException PLUGIN_NOT_FOUND, REGISTRY_AUTH, ... (in-stream errors too)
   */
  public void push(String name, Optional<String> registryAuth, Consumer<JsonNode> onMessage) {
    calls().progress(post(engine("/plugins/").path(id(name)).path("/push"), null)
        .withRegistryAuth(registryAuth), "", onMessage);
  }

  /**
   * {@code POST /plugins/{name}/upgrade?remote=} with the granted privileges: upgrades the
   * disabled plugin, giving each progress message to {@code onMessage}.
   *
   * @param registryAuth {@code X-Registry-Auth} ({@link RegistryAuthHeader}), or empty for the
   *     daemon's own credentials
   * @throws HangarException PLUGIN_ENABLED, PRIVILEGES_INCORRECT, ... (in-stream errors too)
   */
  public void upgrade(String name, String remote, List<Privilege> granted,
      Optional<String> registryAuth, Consumer<JsonNode> onMessage) {
    Target t = engine("/plugins/").path(id(name)).path("/upgrade").query("remote", remote);
    calls().progress(post(t, Calls.toJson(privilegesJson(granted)))
        .withRegistryAuth(registryAuth), "", onMessage);
  }

  private static List<Map<String, Object>> privilegesJson(List<Privilege> ps) {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (Privilege p : ps) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("Name", p.name());
      m.put("Description", p.description());
      m.put("Value", p.value());
      out.add(m);
    }
    return out;
  }

  /**
   * {@code GET /hangar/v1/plugins/{name}/logs?tail=&since=&follow=1}: the plugin's log lines,
   * each a JSON object ({@code {"log":"text\n","stream":"stdout","time":"..."}}), given to
   * {@code onLine} in order. Returns at the end of the stream, or when {@link #close()} ends it.
   *
   * @param tail only the last N lines
   * @param since only lines since then: Unix seconds, with an optional fraction (Docker's form)
   * @param follow keep delivering new lines
   */
  public void logs(String name, OptionalInt tail, Optional<String> since, boolean follow,
      Consumer<JsonNode> onLine) {
    Target t = Target.of("/hangar/v1/plugins/").path(id(name)).path("/logs");
    tail.ifPresent(n -> t.query("tail", Integer.toString(n)));
    since.ifPresent(s -> t.query("since", s));
    if (follow) {
      t.query("follow", "1");
    }
    calls().lines(new Request("GET", t.toString(), null, null, null, readTimeout, follow),
        onLine);
  }

  /**
   * {@code POST /hangar/v1/plugins/{name}/call/{method}}: calls a managed plugin through the
   * daemon's relay.
   *
   * @param rawJsonBody the request body, sent unchanged (empty for none)
   * @return the plugin's reply body, unchanged
   * @throws HangarException as the daemon reports the call's failure (e.g. PLUGIN_DISABLED,
   *     METHOD_NOT_FOUND, PLUGIN_CALL_FAILED, PLUGIN_TIMEOUT)
   */
  public byte[] call(String name, String method, byte[] rawJsonBody) {
    return call(name, method, rawJsonBody, Optional.empty());
  }

  /**
   * {@link #call(String, String, byte[])} within {@code timeout}: the daemon's call to the
   * plugin gives up then ({@code ?timeout=}), instead of at the daemon's default. This client's
   * read timeout should be longer, so that the daemon's PLUGIN_TIMEOUT arrives first.
   */
  public byte[] call(String name, String method, byte[] rawJsonBody,
      Optional<Duration> timeout) {
    Target t = callTarget(name, method);
    timeout.ifPresent(d -> t.query("timeout", seconds(d)));
    return calls().bytes(post(t, rawJsonBody.length == 0 ? null : rawJsonBody));
  }

  /**
   * {@code POST /hangar/v1/plugins/{domain}/call/{method}?kind=exec}: calls an exec plugin of
   * the daemon's host ({@code domain.method}) through its relay.
   *
   * @param rawJsonBody the arguments, sent unchanged (empty for none: the plugin gets {@code {}})
   * @return the plugin's result, as {@link dev.hangar.PluginHost#exec} returns it in-process
   * @throws HangarException as the daemon reports the call's failure (e.g. PLUGIN_NOT_FOUND,
   *     EXEC_FAILED), PROTOCOL_ERROR for a reply that is no result
   */
  public ExecResult callExec(String domain, String method, byte[] rawJsonBody) {
    Target t = callTarget(domain, method);
    t.query("kind", "exec");
    JsonNode reply = calls().json(post(t, rawJsonBody.length == 0 ? null : rawJsonBody));
    try {
      if (reply.hasNonNull("Json")) {
        return new ExecResult.Json(reply.get("Json"));
      }
      if (reply.has("Text")) {
        return new ExecResult.Text(ResultKind.valueOf(reply.path("Kind").asText()),
            reply.get("Text").asText());
      }
    } catch (IllegalArgumentException e) {
      throw new HangarException(ErrorCode.PROTOCOL_ERROR, "the daemon's result of " + domain
          + "." + method + " is not one: " + reply);
    }
    return new ExecResult.None();
  }

  /**
   * {@code POST /hangar/v1/plugins/{name}/call/{method}?kind=jar}: calls a method of a JAR
   * plugin of the daemon's host ({@code TYPE/NAME}, or a name one type has) through its relay.
   *
   * @param rawJsonBody the arguments (a JSON array, or one value), empty for none
   * @return the result as one line, as the call in-process gives it, or empty for {@code void}
   * @throws HangarException as the daemon reports the call's failure
   */
  public Optional<String> callJar(String name, String method, byte[] rawJsonBody) {
    return callJar(name, method, rawJsonBody, Optional.empty());
  }

  /** {@link #callJar(String, String, byte[])} within {@code timeout} ({@code ?timeout=}). */
  public Optional<String> callJar(String name, String method, byte[] rawJsonBody,
      Optional<Duration> timeout) {
    Target t = callTarget(name, method);
    t.query("kind", "jar");
    timeout.ifPresent(d -> t.query("timeout", seconds(d)));
    JsonNode reply = calls().json(post(t, rawJsonBody.length == 0 ? null : rawJsonBody));
    return reply.hasNonNull("Result") ? Optional.of(reply.get("Result").asText())
        : Optional.empty();
  }

  /**
   * {@code GET /events}: Docker's event stream, each message given to {@code onEvent}; returns
   * when the daemon ends it ({@code until}) or {@link #close()} does.
   *
   * @param filters e.g. {@code type=[plugin]}
   * @param since Unix seconds (Docker's form), if any
   * @param until Unix seconds, if any
   */
  public void events(Map<String, List<String>> filters, Optional<String> since,
      Optional<String> until, Consumer<JsonNode> onEvent) {
    Target t = engine("/events");
    if (!filters.isEmpty()) {
      t.query("filters", Calls.filters(filters));
    }
    since.ifPresent(s -> t.query("since", s));
    until.ifPresent(s -> t.query("until", s));
    calls().lines(new Request("GET", t.toString(), null, null, null, readTimeout, true), onEvent);
  }

  /** Closes every connection (ending a stream in progress). Idempotent. */
  @Override
  public void close() {
    transport.close();
  }

  private Calls calls() {
    return new Calls(transport);
  }

  /** An Engine route, under {@code /v<version>} once the daemon's version is known. */
  private Target engine(String path) {
    EnginePing p;
    synchronized (this) {
      p = ping;
    }
    if (p == null) {
      p = ping();
    }
    return Target.of(p.apiVersion().map(v -> "/v" + v).orElse("")).path(path);
  }

  private Request get(Target t) {
    return new Request("GET", t.toString(), null, null, null, readTimeout, false);
  }

  private Request post(Target t, byte[] json) {
    return new Request("POST", t.toString(), json == null ? null : JSON, json, null, readTimeout,
        false);
  }

  /** A duration as the relay's {@code timeout} takes it: seconds, decimals for less. */
  static String seconds(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
        .stripTrailingZeros().toPlainString();
  }

  /** The relay's {@code /hangar/v1/plugins/{name}/call/{method}}. */
  private static Target callTarget(String name, String method) {
    return Target.of("/hangar/v1/plugins/").path(id(name)).path("/call/").path(method);
  }

  /** Docker's {@code trimID}: surrounding blanks go; an empty name is refused. */
  private static String id(String name) {
    String n = name.strip();
    if (n.isEmpty()) {
      throw new HangarException(ErrorCode.USAGE, "invalid plugin name or ID: value is empty");
    }
    return n;
  }
}
