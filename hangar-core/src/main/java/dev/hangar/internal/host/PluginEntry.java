package dev.hangar.internal.host;

import dev.hangar.DiscoveredPlugin;
import dev.hangar.PluginState;
import dev.hangar.SocketPlugin;
import dev.hangar.internal.lifecycle.Transitions;
import dev.hangar.managed.ManagedLease;
import dev.hangar.observe.PluginEvent;
import dev.hangar.protocol.Manifest;
import dev.hangar.protocol.client.PluginClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One discovered plugin inside a host: its state, its manifest and its client. Concurrent
 * activations coalesce: the first caller activates, the others wait for its outcome.
 */
final class PluginEntry implements SocketPlugin {
  private static final Manifest NONE = new Manifest(List.of());

  private final PluginRegistry registry;
  private final DiscoveredPlugin discovered;
  private final ManagedLease managed;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile PluginState state = PluginState.DISCOVERED;
  private volatile Manifest manifest = NONE;
  /** The activation count; a failure marks the plugin stale only for the activation it saw. */
  private int generation;
  /** The lease of the current activation while ACTIVE, else null: the lock-free fast path. */
  private volatile Lease current;
  private RuntimeException failure;
  private PluginClient client;
  /** A client proxy of an interface, and the client it is bound to. */
  private record BoundProxy(PluginClient client, Object proxy) {}

  private final Map<Class<?>, BoundProxy> proxies = new ConcurrentHashMap<>();

  PluginEntry(PluginRegistry registry, DiscoveredPlugin discovered) {
    this(registry, discovered, null);
  }

  /**
   * An entry of a managed plugin, holding {@code lease} (so that the plugin is in use) until the
   * entry is closed or dropped.
   */
  PluginEntry(PluginRegistry registry, DiscoveredPlugin discovered, ManagedLease lease) {
    this.registry = registry;
    this.discovered = discovered;
    this.managed = lease;
  }

  /** Whether this is a managed plugin's entry. */
  boolean isManaged() {
    return managed != null;
  }

  /**
   * moby's rule for managed plugins: the capability (lower-cased) is one of its
   * {@code Interface.Types} with prefix {@code docker}; for others, its manifest's
   * {@code Implements}.
   */
  @Override
  public boolean implementsCapability(String capability) {
    return managed != null ? managed.plugin().hasCapability(capability)
        : manifest.implementsCapability(capability);
  }

  private void releaseManaged() {
    if (managed != null) {
      managed.close();
    }
  }

  @Override
  public String name() {
    return discovered.name();
  }

  @Override
  public DiscoveredPlugin discovered() {
    return discovered;
  }

  @Override
  public PluginState state() {
    return state;
  }

  @Override
  public Manifest manifest() {
    return manifest;
  }

  @Override
  public PluginClient client() {
    return new ReactivatingClient(registry, name(), null, discovered.address());
  }

  /** The client of the current activation, or null when the plugin is not ACTIVE. */
  Lease leaseIfActive() {
    return current;
  }

  /**
   * The client's proxy for {@code iface}, made once per client: an activation after a failure
   * brings a new client, and a proxy bound to the old one is replaced.
   */
  Object proxy(PluginClient c, Class<?> iface) {
    return proxies.compute(iface,
        (k, b) -> b != null && b.client() == c ? b : new BoundProxy(c, c.proxy(k))).proxy();
  }

  /**
   * Makes sure the plugin is ACTIVE: activates it (again, when STALE) or waits for the caller
   * already doing so.
   *
   * @throws RuntimeException the activation's failure, also for the callers that waited
   * @throws IllegalStateException when the host is closed
   */
  void ensureActive(Retry retry) {
    if (current != null) {
      return;
    }
    lock.lock();
    try {
      while (true) {
        switch (state) {
          case ACTIVE -> {
            return;
          }
          case ACTIVATING -> changed.awaitUninterruptibly();
          case FAILED -> throw failure;
          case CLOSED -> throw new IllegalStateException("the plugin host is closed");
          case DISCOVERED, STALE -> {
            move(PluginState.ACTIVATING);
            lock.unlock();
            try {
              activate(retry);
            } finally {
              lock.lock();
            }
            return;
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code Plugin.Activate}; called without the lock held, in state ACTIVATING. */
  private void activate(Retry retry) {
    Manifest m;
    PluginClient fresh = null;
    try {
      m = registry.activate(discovered, retry);
      if (rawClientOrNull() == null) {
        fresh = registry.newClient(discovered);
      }
    } catch (RuntimeException e) {
      fail(e);
      if (!isManaged()) {
        // a managed plugin's "failed" is its supervisor's verdict, told by the manager
        tell(PluginEvent.FAILED, Map.of("reason", String.valueOf(e.getMessage())));
      }
      throw e;
    }
    List<HandlerRegistry.Registration> handlers;
    synchronized (registry.handlers().lock) {
      lock.lock();
      try {
        if (state == PluginState.CLOSED) {
          if (fresh != null) {
            fresh.close();
          }
          throw new IllegalStateException("the plugin host is closed");
        }
        if (client == null) {
          client = fresh;
        } else if (fresh != null) {
          fresh.close();
        }
        manifest = m;
        generation++;
        move(PluginState.ACTIVE);
        current = new Lease(this, generation, client);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      // a managed plugin's handlers run when it starts (ManagedHandlers), not when a host
      // activates it: moby's CallHandler, once per enable
      handlers = isManaged() ? List.of() : registry.handlers().matching(this);
    }
    tell(PluginEvent.ACTIVATED, Map.of("address", address().toString(),
        "implements", String.join(",", m.implementsList())));
    HandlerRegistry.run(handlers, List.of(this));
  }

  private void tell(String action, Map<String, String> attributes) {
    registry.observer().event(PluginEvent.now(isManaged() ? PluginEvent.MANAGED
        : PluginEvent.SOCKET, action, name(), attributes));
  }

  private PluginClient rawClientOrNull() {
    lock.lock();
    try {
      return client;
    } finally {
      lock.unlock();
    }
  }

  private void fail(RuntimeException e) {
    PluginClient toClose;
    lock.lock();
    try {
      if (state == PluginState.CLOSED) {
        return;
      }
      failure = e;
      move(PluginState.FAILED);
      toClose = client;
      client = null;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    registry.dropFailed(this);
    releaseManaged();
    if (toClose != null) {
      toClose.close();
    }
  }

  /** Marks the plugin for re-activation, if the failed call saw the current activation. */
  void markStale(int seenGeneration) {
    lock.lock();
    try {
      if (state == PluginState.ACTIVE && generation == seenGeneration) {
        move(PluginState.STALE);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Closes the client; the entry can no longer be used. Idempotent. */
  void close() {
    PluginClient toClose;
    releaseManaged();
    lock.lock();
    try {
      if (state == PluginState.CLOSED) {
        return;
      }
      move(PluginState.CLOSED);
      toClose = client;
      client = null;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (toClose != null) {
      toClose.close();
    }
  }

  private void move(PluginState next) {
    state = Transitions.check(name(), state, next);
    if (next != PluginState.ACTIVE) {
      current = null;
    }
  }

  @Override
  public String toString() {
    return "SocketPlugin[" + name() + ", " + state.label() + ", " + discovered.address().url()
        + ", implements " + manifest.implementsList() + "]";
  }
}
