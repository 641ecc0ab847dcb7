package dev.hangar.internal.host;

import dev.hangar.HandlerRegistration;
import dev.hangar.SocketPlugin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Extension-point callbacks. Every activation of a plugin and every registration pass through
 * {@link #lock}, so each (callback, activation) pair is delivered exactly once: by the activation
 * when the callback was registered first, by the registration otherwise. Callbacks run outside
 * the lock, on the thread that activated the plugin or registered the callback.
 */
final class HandlerRegistry {
  /** Guards the moves to ACTIVE and the registrations. */
  final Object lock = new Object();
  private final List<Registration> registrations = new CopyOnWriteArrayList<>();

  /**
   * Registers {@code callback} and runs it for every plugin already active with the capability.
   *
   * @param active the plugins that are ACTIVE, read under {@link #lock}
   */
  HandlerRegistration register(String capability, Consumer<SocketPlugin> callback,
      java.util.function.Supplier<Collection<? extends SocketPlugin>> active) {
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(callback, "callback");
    Registration r = new Registration(capability, callback);
    List<SocketPlugin> now = new ArrayList<>();
    synchronized (lock) {
      registrations.add(r);
      for (SocketPlugin p : active.get()) {
        if (p.implementsCapability(capability)) {
          now.add(p);
        }
      }
    }
    run(List.of(r), now);
    return r;
  }

  /** The registrations matching a manifest; call under {@link #lock}. */
  List<Registration> matching(SocketPlugin plugin) {
    List<Registration> out = new ArrayList<>();
    for (Registration r : registrations) {
      if (plugin.implementsCapability(r.capability)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Runs each registration for each plugin. A callback that throws does not stop the others; the
   * first exception is rethrown at the end with the others suppressed.
   */
  static void run(List<Registration> regs, List<SocketPlugin> plugins) {
    RuntimeException first = null;
    for (SocketPlugin p : plugins) {
      for (Registration r : regs) {
        try {
          r.deliver(p);
        } catch (RuntimeException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  void clear() {
    registrations.forEach(Registration::close);
  }

  final class Registration implements HandlerRegistration {
    private final String capability;
    private final Consumer<SocketPlugin> callback;
    private volatile boolean closed;

    Registration(String capability, Consumer<SocketPlugin> callback) {
      this.capability = capability;
      this.callback = callback;
    }

    void deliver(SocketPlugin p) {
      if (!closed) {
        callback.accept(p);
      }
    }

    @Override
    public String capability() {
      return capability;
    }

    @Override
    public void close() {
      closed = true;
      registrations.remove(this);
    }
  }
}
