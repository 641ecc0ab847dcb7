package dev.hangar.daemon.internal.api;

import java.util.List;

/**
 * moby's {@code events.Filter.Include} for plugin events: {@code event} and {@code type} exact,
 * {@code scope} exact, the per-type name filters ({@code plugin}, {@code container}, ...) by ID
 * or {@code name} prefix whatever the event's type, {@code image} exact, {@code label} as
 * key-value pairs. Keys dockerd does not know are ignored, as dockerd ignores them.
 */
final class EventFilter {
  private static final List<String> NAMED_TYPES = List.of("daemon", "container", "plugin",
      "volume", "network", "image", "node", "service", "secret", "config");

  private final Filters filters;

  EventFilter(Filters filters) {
    this.filters = filters;
  }

  /** Whether {@code m} passes. */
  boolean includes(EventMessage m) {
    if (!matchEvent(m.action()) || !filters.exactMatch("type", EventMessage.TYPE)) {
      return false;
    }
    if (filters.contains("scope") && !filters.exactMatch("scope", EventMessage.SCOPE)) {
      return false;
    }
    String name = m.attributes().getOrDefault("name", "");
    for (String t : NAMED_TYPES) {
      if (t.equals("image")) {
        // For a non-image event moby compares the ID and the "image" attribute, exactly.
        String image = m.attributes().getOrDefault("image", "");
        if (!filters.exactMatch(t, m.id()) && !filters.exactMatch(t, image)) {
          return false;
        }
      } else if (!filters.fuzzyMatch(t, m.id()) && !filters.fuzzyMatch(t, name)) {
        return false;
      }
    }
    return !filters.contains("label") || filters.matchKeyValues("label", m.attributes());
  }

  private boolean matchEvent(String action) {
    // moby: health_status, exec_create and exec_start filters match by prefix.
    boolean fuzzy = filters.get("event").stream()
        .anyMatch(v -> v.equals("health_status") || v.equals("exec_create")
            || v.equals("exec_start"));
    return fuzzy ? filters.fuzzyMatch("event", action) : filters.exactMatch("event", action);
  }
}
