package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.hangar.exec.ExecResult;
import dev.hangar.internal.observe.Calls;
import dev.hangar.managed.ManagedLease;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /hangar/v1/plugins/{name}/call/{Method}}: relays one call to an enabled managed
 * plugin. The daemon holds a lease on the plugin for the call (so it is not disabled under it),
 * sends the request body as the call's JSON (an empty body as an empty body) and answers 200
 * with the plugin's reply body byte for byte. A body that is not one JSON value is 400; the
 * plugin's and the protocol's failures are Hangar errors with their codes (a plugin's non-200
 * is PLUGIN_CALL_FAILED, 502).
 *
 * <p>With {@code ?kind=exec}, {@code name} is an exec plugin's domain in the daemon host's exec
 * dirs and the call is {@code name.Method} with the body as its arguments; the answer is its
 * result in an envelope ({@link #execReply}). With {@code ?kind=jar}, {@code name} is a JAR
 * plugin's {@code TYPE/NAME} (or its name alone) in the daemon host's plugin dirs, {@code Method}
 * a method of an interface it implements and the body its arguments ({@link #jarReply}).
 *
 * <p>{@code ?timeout=SECONDS} (decimals allowed, at most a day) bounds a managed, socket or JAR
 * call instead of the client default, so a client's own timeout holds through the relay; an
 * exec call keeps the timeout its declaration gives.
 */
final class CallEndpoint {
  /** The largest request body relayed. */
  static final int MAX_BODY = 16 << 20;

  /** The longest {@code timeout} a call may ask for. */
  static final Duration MAX_TIMEOUT = Duration.ofDays(1);

  private final ManagedPlugins plugins;
  private final HostObserver observer;
  private final HostPlugins host;

  CallEndpoint(ManagedPlugins plugins) {
    this(plugins, HostObserver.NONE, HostPlugins.NONE);
  }

  /**
   * @param observer told of each call relayed to a managed plugin, as a host tells of its calls
   * @param host the daemon host's other plugins, for the names that are no managed plugin's
   */
  CallEndpoint(ManagedPlugins plugins, HostObserver observer, HostPlugins host) {
    this.plugins = plugins;
    this.observer = observer;
    this.host = host;
  }

  void serve(Exchange ex) throws IOException {
    byte[] body;
    try (InputStream in = ex.body()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      throw new HangarException(ErrorCode.USAGE,
          "request body is larger than the limit of " + MAX_BODY + " bytes");
    }
    Object args = null;
    if (!new String(body, StandardCharsets.UTF_8).isBlank()) {
      JsonBody.decode(body);
      args = new RawValue(new String(body, StandardCharsets.UTF_8).strip());
    }
    String text = args == null ? null : (String) ((RawValue) args).rawValue();
    Optional<Duration> timeout = timeout(ex.query().get("timeout"));
    CallOptions options = timeout.map(CallOptions.DEFAULT::withTimeout)
        .orElse(CallOptions.DEFAULT);
    switch (ex.query().get("kind")) {
      case "exec" -> {
        ex.json(200, execReply(host.exec(ex.name() + "." + ex.match().method(), text)));
        return;
      }
      case "jar" -> {
        // a JAR call in-process is a Java call, counted by no one: the relay counts its own
        String result = Calls.timed(observer, PluginEvent.JAR, ex.name(), ex.match().method(),
            () -> host.jar(ex.name(), ex.match().method(), text, timeout));
        ex.json(200, jarReply(result));
        return;
      }
      case "" -> { }
      default -> throw new HangarException(ErrorCode.USAGE, "unknown kind "
          + ex.query().get("kind") + ": exec, jar or none");
    }
    byte[] reply;
    if (plugins.find(ex.name()).isEmpty()) {
      // not a managed plugin: a socket plugin the daemon's host finds in its dirs
      ex.json(200, host.socket(ex.name()).callRaw(ex.match().method(), args, options));
      return;
    }
    try (ManagedLease lease = plugins.acquire(ex.name(), Optional.empty());
        PluginClient client = PluginClient.create(lease.plugin().name(),
            new PluginAddress.Unix(lease.socket()), config(lease))) {
      Object relayed = args;
      reply = Calls.timed(observer, PluginEvent.MANAGED, lease.plugin().name(),
          ex.match().method(), () -> client.callRaw(ex.match().method(), relayed, options));
    }
    ex.json(200, reply);
  }

  /**
   * The {@code timeout} parameter: empty when absent.
   *
   * @throws HangarException USAGE for a value that is not a number of seconds above 0, at most
   *     {@link #MAX_TIMEOUT}
   */
  static Optional<Duration> timeout(String seconds) {
    if (seconds.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal s;
    try {
      s = new BigDecimal(seconds);
    } catch (NumberFormatException e) {
      s = null;
    }
    if (s == null || s.signum() <= 0 || s.scale() > 9
        || s.compareTo(BigDecimal.valueOf(MAX_TIMEOUT.toSeconds())) > 0) {
      throw new HangarException(ErrorCode.USAGE, "query parameter timeout: " + seconds
          + " is not a number of seconds above 0 and at most " + MAX_TIMEOUT.toSeconds()
          + " (e.g. 30 or 0.5)");
    }
    return Optional.of(Duration.ofNanos(s.movePointRight(9).longValueExact()));
  }

  /**
   * An exec result as the relay sends it: {@code {"Json":<value>}} for a JSON result,
   * {@code {"Text":"...","Kind":"YAML|TOML|HRD|JOB"}} for a text one, {@code {}} for none.
   */
  static byte[] execReply(ExecResult result) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    switch (result) {
      case ExecResult.Json j -> o.set("Json", j.value());
      case ExecResult.Text t -> o.put("Text", t.text()).put("Kind", t.kind().name());
      case ExecResult.None n -> { }
    }
    return bytes(o);
  }

  /** A JAR call's result as the relay sends it: {@code {"Result":"<line>"}}, {@code {}} for void.
   */
  static byte[] jarReply(String result) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    if (result != null) {
      o.put("Result", result);
    }
    return bytes(o);
  }

  private static byte[] bytes(ObjectNode o) {
    try {
      return Json.MAPPER.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a result that cannot be written as JSON", e);
    }
  }

  /**
   * The relay's client: the plugin's {@code enable?timeout} as Docker uses it (its HTTP client
   * timeout), else Hangar's default call timeout, so that a relayed call never hangs.
   */
  private static ClientConfig config(ManagedLease lease) {
    return lease.clientTimeout().map(ClientConfig.DEFAULT::withCallTimeout)
        .orElse(ClientConfig.DEFAULT);
  }
}
