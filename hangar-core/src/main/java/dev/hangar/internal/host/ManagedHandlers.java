package dev.hangar.internal.host;

import dev.hangar.SocketPlugin;
import dev.hangar.managed.ManagedEvent;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.ManagedState;
import dev.hangar.protocol.HangarException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the host's handlers for its managed plugins as moby's plugin manager does
 * ({@code Store.CallHandler} at the end of every successful enable): each time a managed plugin
 * starts serving, on its {@code enable} event and on Hangar's supervised {@code restart} (moby
 * restarts a plugin by enabling it again), every handler whose capability is one of its
 * {@code Interface.Types} is called once, on the thread that sent the event, before
 * {@code enable} returns.
 *
 * <p>The plugins serving now are tracked from the events, under {@link HandlerRegistry#lock}, so
 * that a handler registered later is called at once for each of them, exactly once (moby's
 * callers do the same by hand: libnetwork's drivers call their handler for
 * {@code GetAllManagedPluginsByCap} before {@code Handle}; and moby's metrics handler is
 * registered before the manager restores its plugins, which no Hangar handler can be). The
 * plugins restored when the managed root was opened are seeded from its list.
 *
 * <p>Handlers run outside that lock, so they may call the host ({@code get}, {@code getAll},
 * {@code handle}, the plugin's client). One that throws is logged and stops neither the others
 * nor the enable.
 */
final class ManagedHandlers implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ManagedHandlers.class.getName());

  private final PluginRegistry registry;
  private final ManagedPlugins managed;
  private final HandlerRegistry handlers;
  /** The plugins serving now, by ID; guarded by {@code handlers.lock}. */
  private final Map<String, ManagedView> serving = new HashMap<>();
  private volatile AutoCloseable subscription;

  private ManagedHandlers(PluginRegistry registry, ManagedPlugins managed,
      HandlerRegistry handlers) {
    this.registry = registry;
    this.managed = managed;
    this.handlers = handlers;
  }

  /** Subscribes to {@code managed}'s events, then takes its serving plugins as they are now. */
  static ManagedHandlers start(PluginRegistry registry, ManagedPlugins managed,
      HandlerRegistry handlers) {
    ManagedHandlers h = new ManagedHandlers(registry, managed, handlers);
    h.subscription = managed.subscribe(h::onEvent);
    // Read under the lock, as events are: a plugin's state changes before its event is sent, so
    // an event is either already in this list or applied after it.
    synchronized (handlers.lock) {
      for (ManagedPlugin p : managed.list()) {
        if (p.state() == ManagedState.ENABLED) {
          h.view(p).ifPresent(v -> h.serving.put(v.id(), v));
        }
      }
    }
    return h;
  }

  /** The plugins serving now; call under {@code handlers.lock}. */
  List<SocketPlugin> serving() {
    return List.copyOf(serving.values());
  }

  private void onEvent(ManagedEvent e) {
    switch (e.action()) {
      case "enable", "restart" -> started(e.id());
      case "disable", "failed", "remove" -> {
        synchronized (handlers.lock) {
          serving.remove(e.id());
        }
      }
      default -> {
        // create: nothing serves yet
      }
    }
  }

  private void started(String id) {
    ManagedView v;
    List<HandlerRegistry.Registration> regs;
    synchronized (handlers.lock) {
      v = find(id).flatMap(this::view).orElse(null);
      if (v == null) {
        // removed, or exited again already: its restart (or failure) sends the next event
        serving.remove(id);
        return;
      }
      serving.put(id, v);
      regs = handlers.matching(v);
    }
    try {
      HandlerRegistry.run(regs, List.of(v));
    } catch (RuntimeException ex) {
      LOG.log(Level.WARNING, "a handler failed for managed plugin " + v.name(), ex);
    }
  }

  private Optional<ManagedPlugin> find(String id) {
    try {
      return managed.find(id);
    } catch (IllegalStateException | HangarException ex) {
      return Optional.empty(); // closed meanwhile
    }
  }

  /** A view of {@code p} while it has a socket, i.e. while its container runs. */
  private Optional<ManagedView> view(ManagedPlugin p) {
    return p.socket().map(s -> new ManagedView(registry, p, registry.managedDiscovered(p, s)));
  }

  /** Stops listening to the events. Idempotent. */
  @Override
  public void close() {
    AutoCloseable s = subscription;
    subscription = null;
    if (s != null) {
      try {
        s.close();
      } catch (Exception ex) {
        LOG.log(Level.WARNING, "cannot close the managed-event subscription", ex);
      }
    }
  }
}
