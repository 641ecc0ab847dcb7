package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.ManagedEvent;
import dev.hangar.observe.PluginEvent;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One event as {@code GET /events} sends it: Docker's {@code events.Message} of type
 * {@code plugin}, with the deprecated {@code status} and {@code id} fields filled as dockerd
 * fills them for containers (old clients read them).
 *
 * @param action {@code create}, {@code enable}, ...
 * @param id the plugin's ID
 * @param attributes the actor's attributes, {@code name} among them
 * @param timeNano the time in nanoseconds since the epoch
 */
record EventMessage(String action, String id, Map<String, String> attributes, long timeNano) {
  static final String TYPE = "plugin";
  static final String SCOPE = "local";

  EventMessage {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(id, "id");
    attributes = Map.copyOf(attributes);
  }

  /** The event of {@code e}: its attributes, {@code name} the plugin's name. */
  static EventMessage of(ManagedEvent e) {
    Map<String, String> attrs = new TreeMap<>(e.attributes());
    attrs.put("name", e.name());
    return new EventMessage(e.action(), e.id(), attrs, nanos(e.time()));
  }

  /**
   * The event of a plugin of another kind than managed: its name as the ID (such plugins have
   * none), {@code kind} among its attributes.
   */
  static EventMessage of(PluginEvent e) {
    Map<String, String> attrs = new TreeMap<>(e.attributes());
    attrs.put("name", e.name());
    attrs.put("kind", e.kind());
    return new EventMessage(e.action(), e.name(), attrs, nanos(e.time()));
  }

  private static long nanos(java.time.Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  /** The JSON object, in Go's field order (attributes sorted, as Go writes maps). */
  ObjectNode toJson() {
    ObjectNode o = ApiJson.object();
    o.put("status", action);
    o.put("id", id);
    o.put("Type", TYPE);
    o.put("Action", action);
    ObjectNode actor = o.putObject("Actor");
    actor.put("ID", id);
    ObjectNode attrs = actor.putObject("Attributes");
    new TreeMap<>(attributes).forEach(attrs::put);
    o.put("scope", SCOPE);
    o.put("time", Math.floorDiv(timeNano, 1_000_000_000L));
    o.put("timeNano", timeNano);
    return o;
  }
}
