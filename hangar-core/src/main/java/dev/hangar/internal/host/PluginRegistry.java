package dev.hangar.internal.host;

import dev.hangar.DiscoveredPlugin;
import dev.hangar.DiscoveryDirs;
import dev.hangar.HandlerRegistration;
import dev.hangar.PluginClientFactory;
import dev.hangar.PluginState;
import dev.hangar.SocketPlugin;
import dev.hangar.internal.discovery.Discovery;
import dev.hangar.internal.discovery.PluginNames;
import dev.hangar.managed.ManagedLease;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.Manifest;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The machinery behind {@link dev.hangar.PluginHost}: the cache of plugins by name, lookups with
 * retry, activation and handlers. Thread-safe.
 */
public final class PluginRegistry implements AutoCloseable {
  private final Discovery discovery;
  private final Activator activator;
  private final HandlerRegistry handlers = new HandlerRegistry();
  private final ConcurrentMap<String, PluginEntry> entries = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private volatile ManagedPlugins managed;
  private volatile ManagedHandlers managedHandlers;
  private final HostObserver observer;

  /**
   * @param dirs where plugins are looked for
   * @param config the clients' settings; its backoff and clock also drive lookup retries
   * @param activationTimeout the limit of one {@code Plugin.Activate} call
   * @param factory makes the clients
   */
  public PluginRegistry(DiscoveryDirs dirs, ClientConfig config, Duration activationTimeout,
      PluginClientFactory factory) {
    this(dirs, config, activationTimeout, factory, HostObserver.NONE);
  }

  /**
   * @param observer told of the activations and of the calls through the host's clients
   */
  public PluginRegistry(DiscoveryDirs dirs, ClientConfig config, Duration activationTimeout,
      PluginClientFactory factory, HostObserver observer) {
    this.discovery = new Discovery(dirs);
    this.observer = Objects.requireNonNull(observer, "observer");
    this.activator = new Activator(Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(factory, "factory"), activationTimeout);
  }

  /** The host's observer. */
  public HostObserver observer() {
    return observer;
  }

  /**
   * Makes the managed plugins part of the lookups: a name that resolves to a managed plugin (its
   * ID, an ID prefix or its normalised name) is that plugin, before any socket or spec file. And
   * runs the handlers for them when they start serving (see {@link ManagedHandlers}). Once.
   */
  public void managed(ManagedPlugins m) {
    Objects.requireNonNull(m, "managed");
    if (managed != null) {
      throw new IllegalStateException("the managed plugins are already set");
    }
    this.managed = m;
    this.managedHandlers = ManagedHandlers.start(this, m, handlers);
  }

  /** The discovery over the host's directories. */
  public Discovery discovery() {
    return discovery;
  }

  HandlerRegistry handlers() {
    return handlers;
  }

  /** A plugin by name, activated, implementing {@code capability}; lookups and connects retried. */
  public SocketPlugin get(String name, String capability) {
    Objects.requireNonNull(capability, "capability");
    PluginEntry e = acquire(name, retry());
    checkCapability(e, capability);
    return e;
  }

  /** A plugin by name, activated, whatever it implements; lookups and connects retried. */
  public SocketPlugin activate(String name) {
    return acquire(name, retry());
  }

  /** A client proxy of {@code iface} for the plugin, after {@link #get} succeeded. */
  public <T> T proxy(String name, String capability, Class<T> iface) {
    SocketPlugin p = get(name, capability);
    return new ReactivatingClient(this, name, capability, p.address()).proxy(iface);
  }

  /**
   * Registers a handler, see {@link dev.hangar.PluginHost#handle}: called at once for the active
   * socket plugins and the serving managed plugins (whose entries' activations do not count:
   * managed plugins are handled when they start, by {@link ManagedHandlers}).
   */
  public HandlerRegistration handle(String capability, Consumer<SocketPlugin> callback) {
    ensureOpen();
    ManagedHandlers mh = managedHandlers;
    return handlers.register(capability, callback, () -> {
      List<SocketPlugin> now = new java.util.ArrayList<>(mh == null ? List.of() : mh.serving());
      for (PluginEntry e : entries.values()) {
        if (e.state() == PluginState.ACTIVE && !e.isManaged()) {
          now.add(e);
        }
      }
      return now;
    });
  }

  /** Finds, then activates if needed, the plugin {@code name}. */
  PluginEntry acquire(String name, Retry retry) {
    ensureOpen();
    ManagedPlugins m = managed;
    if (m != null) {
      Optional<ManagedPlugin> p = m.find(name);
      if (p.isPresent()) {
        return activated(managedEntry(m, p.get()), retry);
      }
    }
    PluginNames.validate(name);
    PluginEntry e = entries.get(name);
    if (e == null) {
      DiscoveredPlugin d = lookup(name, retry);
      e = entries.computeIfAbsent(name, n -> found(new PluginEntry(this, d)));
    }
    return activated(e, retry);
  }

  /** Activates the plugin found by a scan, unless a plugin of that name is already known. */
  PluginEntry acquire(DiscoveredPlugin found, Retry retry) {
    ensureOpen();
    return activated(entries.computeIfAbsent(found.name(),
        n -> found(new PluginEntry(this, found))), retry);
  }

  /** Tells the observer of a socket plugin seen for the first time (or again, once dropped). */
  private PluginEntry found(PluginEntry e) {
    observer.event(PluginEvent.now(PluginEvent.SOCKET, PluginEvent.FOUND, e.name(),
        Map.of("address", e.address().toString())));
    return e;
  }

  /**
   * The entry of an enabled managed plugin, leased while it is cached (moby's Acquire); a
   * disabled one is {@code found but disabled} (moby: no fallback to other plugins).
   */
  private PluginEntry managedEntry(ManagedPlugins m, ManagedPlugin p) {
    if (!p.enabled()) {
      PluginEntry stale = entries.remove(p.name());
      if (stale != null) {
        stale.close();
      }
      throw new HangarException(ErrorCode.PLUGIN_DISABLED, "plugin " + p.name()
          + " found but disabled");
    }
    PluginEntry known = entries.get(p.name());
    if (known != null) {
      return known;
    }
    ManagedLease lease = m.acquire(p.id(), Optional.empty());
    PluginEntry fresh = new PluginEntry(this, managedDiscovered(p, lease.socket()), lease);
    PluginEntry won = entries.putIfAbsent(p.name(), fresh);
    if (won != null) {
      lease.close();
      return won;
    }
    return fresh;
  }

  /** The managed plugin {@code p} listening on {@code socket}, as the lookups find it. */
  DiscoveredPlugin managedDiscovered(ManagedPlugin p, java.nio.file.Path socket) {
    return new DiscoveredPlugin(p.name(), new PluginAddress.Unix(socket),
        managed.settings().root().resolve("managed").resolve(p.id()),
        DiscoveredPlugin.Kind.MANAGED);
  }

  /** The host's entry of the plugin {@code name}, if it has one. */
  Optional<PluginEntry> cached(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /** The enabled managed plugins having {@code capability}, activated; for getAll. */
  public List<SocketPlugin> managedWith(String capability) {
    ManagedPlugins m = managed;
    if (m == null) {
      return List.of();
    }
    List<SocketPlugin> out = new java.util.ArrayList<>();
    for (ManagedPlugin p : m.enabledWith(capability)) {
      try {
        out.add(activated(managedEntry(m, p), noRetry()));
      } catch (HangarException e) {
        // disabled or failing meanwhile: not one of them now
      }
    }
    return out;
  }

  private PluginEntry activated(PluginEntry e, Retry retry) {
    if (closed) {
      e.close();
      ensureOpen();
    }
    e.ensureActive(retry);
    return e;
  }

  /** A client of the plugin's current activation, (re-)activating or rediscovering it first. */
  Lease lease(String name, String capability) {
    PluginEntry known = entries.get(name);
    Lease fast = known == null ? null : known.leaseIfActive();
    if (fast != null && !closed
        && (capability == null || fast.entry().implementsCapability(capability))) {
      return fast;
    }
    while (true) {
      PluginEntry e = acquire(name, retry());
      if (capability != null) {
        checkCapability(e, capability);
      }
      Lease l = e.leaseIfActive();
      if (l != null) {
        return l;
      }
      // it went stale or failed between activation and now: go round again
    }
  }

  private DiscoveredPlugin lookup(String name, Retry retry) {
    while (true) {
      try {
        return discovery.lookup(name);
      } catch (PluginNotFoundException e) {
        if (!retry.awaitNext()) {
          throw e;
        }
      }
    }
  }

  private static void checkCapability(SocketPlugin p, String capability) {
    if (p instanceof PluginEntry e && e.isManaged() && !e.implementsCapability(capability)) {
      throw new HangarException(ErrorCode.CAPABILITY_NOT_IMPLEMENTED, "plugin " + p.name()
          + " does not provide \"" + capability.toLowerCase(java.util.Locale.ROOT)
          + "\" capability");
    }
    if (!p.implementsCapability(capability)) {
      List<String> has = p.implementsList();
      throw new HangarException(ErrorCode.CAPABILITY_NOT_IMPLEMENTED, "plugin " + p.name()
          + " does not implement " + capability + " (it implements: "
          + (has.isEmpty() ? "nothing" : String.join(", ", has)) + ")");
    }
  }

  Manifest activate(DiscoveredPlugin d, Retry retry) {
    return activator.activate(d, retry);
  }

  PluginClient newClient(DiscoveredPlugin d) {
    return activator.newClient(d);
  }

  /** Forgets a plugin whose activation failed, so the next lookup rediscovers it. */
  void dropFailed(PluginEntry e) {
    entries.remove(e.name(), e);
  }

  /** A retry budget with the configured backoff and clock. */
  Retry retry() {
    return new Retry(activator.config().backoff(), activator.config().clock());
  }

  /** A budget of one attempt. */
  Retry noRetry() {
    return Retry.none(activator.config().clock());
  }

  /** Throws {@link IllegalStateException} when closed. */
  public void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the plugin host is closed");
    }
  }

  /** Closes every client and forgets every plugin and handler. Idempotent. */
  @Override
  public void close() {
    closed = true;
    ManagedHandlers mh = managedHandlers;
    if (mh != null) {
      mh.close();
    }
    handlers.clear();
    for (PluginEntry e : entries.values()) {
      e.close();
    }
    entries.clear();
  }
}
