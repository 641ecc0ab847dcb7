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
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

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
 * result in an envelope ({@link #execReply}).
 */
final class CallEndpoint {
  /** The largest request body relayed. */
  static final int MAX_BODY = 16 << 20;

  private final ManagedPlugins plugins;
  private final HostObserver observer;
  private final Function<String, PluginClient> sockets;
  private final BiFunction<String, String, ExecResult> execs;

  /** No socket plugins: every name that is no managed plugin's is not found. */
  static final Function<String, PluginClient> NO_SOCKETS = name -> {
    throw new PluginNotFoundException(name, "plugin " + name + " not found");
  };

  /** No exec plugins: every domain is not found. */
  static final BiFunction<String, String, ExecResult> NO_EXECS = (command, args) -> {
    String domain = command.substring(0, command.indexOf('.'));
    throw new PluginNotFoundException(domain, "exec plugin " + domain + " not found");
  };

  CallEndpoint(ManagedPlugins plugins) {
    this(plugins, HostObserver.NONE, NO_SOCKETS, NO_EXECS);
  }

  /**
   * @param observer told of each call relayed to a managed plugin, as a host tells of its calls
   * @param sockets the daemon host's client of a socket plugin by name (its calls are the
   *     host's, so its observer sees them)
   * @param execs the daemon host's exec call ({@code domain.method}, arguments JSON or null)
   */
  CallEndpoint(ManagedPlugins plugins, HostObserver observer,
      Function<String, PluginClient> sockets, BiFunction<String, String, ExecResult> execs) {
    this.plugins = plugins;
    this.observer = observer;
    this.sockets = sockets;
    this.execs = execs;
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
    if (ex.query().get("kind").equals("exec")) {
      ex.json(200, execReply(execs.apply(ex.name() + "." + ex.match().method(),
          args == null ? null : (String) ((RawValue) args).rawValue())));
      return;
    }
    byte[] reply;
    if (plugins.find(ex.name()).isEmpty()) {
      // not a managed plugin: a socket plugin the daemon's host finds in its dirs
      ex.json(200, sockets.apply(ex.name()).callRaw(ex.match().method(), args,
          CallOptions.DEFAULT));
      return;
    }
    try (ManagedLease lease = plugins.acquire(ex.name(), Optional.empty());
        PluginClient client = PluginClient.create(lease.plugin().name(),
            new PluginAddress.Unix(lease.socket()), config(lease))) {
      Object relayed = args;
      reply = Calls.timed(observer, PluginEvent.MANAGED, lease.plugin().name(),
          ex.match().method(), () -> client.callRaw(ex.match().method(), relayed,
              CallOptions.DEFAULT));
    }
    ex.json(200, reply);
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
    try {
      return Json.MAPPER.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an exec result that cannot be written as JSON", e);
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
