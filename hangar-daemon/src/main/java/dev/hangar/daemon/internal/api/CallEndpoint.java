package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.databind.util.RawValue;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /hangar/v1/plugins/{name}/call/{Method}}: relays one call to an enabled managed
 * plugin. The daemon holds a lease on the plugin for the call (so it is not disabled under it),
 * sends the request body as the call's JSON (an empty body as an empty body) and answers 200
 * with the plugin's reply body byte for byte. A body that is not one JSON value is 400; the
 * plugin's and the protocol's failures are Hangar errors with their codes (a plugin's non-200
 * is PLUGIN_CALL_FAILED, 502).
 */
final class CallEndpoint {
  /** The largest request body relayed. */
  static final int MAX_BODY = 16 << 20;

  private final ManagedPlugins plugins;
  private final HostObserver observer;
  private final Function<String, PluginClient> sockets;

  /** No socket plugins: every name that is no managed plugin's is not found. */
  static final Function<String, PluginClient> NO_SOCKETS = name -> {
    throw new PluginNotFoundException(name, "plugin " + name + " not found");
  };

  CallEndpoint(ManagedPlugins plugins) {
    this(plugins, HostObserver.NONE, NO_SOCKETS);
  }

  /**
   * @param observer told of each call relayed to a managed plugin, as a host tells of its calls
   * @param sockets the daemon host's client of a socket plugin by name (its calls are the
   *     host's, so its observer sees them)
   */
  CallEndpoint(ManagedPlugins plugins, HostObserver observer,
      Function<String, PluginClient> sockets) {
    this.plugins = plugins;
    this.observer = observer;
    this.sockets = sockets;
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
   * The relay's client: the plugin's {@code enable?timeout} as Docker uses it (its HTTP client
   * timeout), else Hangar's default call timeout, so that a relayed call never hangs.
   */
  private static ClientConfig config(ManagedLease lease) {
    return lease.clientTimeout().map(ClientConfig.DEFAULT::withCallTimeout)
        .orElse(ClientConfig.DEFAULT);
  }
}
