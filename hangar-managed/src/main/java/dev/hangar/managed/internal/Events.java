package dev.hangar.managed.internal;

import dev.hangar.managed.ManagedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The managed plugins' event listeners. */
final class Events {
  private static final Logger LOG = Logger.getLogger(Events.class.getName());

  private final List<Consumer<ManagedEvent>> listeners = new CopyOnWriteArrayList<>();

  AutoCloseable subscribe(Consumer<ManagedEvent> l) {
    listeners.add(l);
    return () -> listeners.remove(l);
  }

  /** Tells every listener; one that throws is logged and does not stop the others. */
  void emit(String action, String id, String name, Map<String, String> extra) {
    java.util.HashMap<String, String> attrs = new java.util.HashMap<>(extra);
    attrs.put("name", name);
    attrs.put("kind", "managed");
    ManagedEvent e = new ManagedEvent(action, id, name, Instant.now(), attrs);
    for (Consumer<ManagedEvent> l : listeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ex) {
        LOG.log(Level.WARNING, "managed plugin event listener failed on " + action, ex);
      }
    }
  }
}
