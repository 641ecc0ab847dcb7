package dev.hangar.metrics;

import io.prometheus.metrics.core.metrics.Gauge;
import java.util.List;

/** The {@code hangar_managed_state} gauge, moved by the managed plugins' events. */
final class ManagedStates {
  static final List<String> STATES = List.of("disabled", "enabled", "failed");

  private final Gauge gauge;

  ManagedStates(Gauge gauge) {
    this.gauge = gauge;
  }

  /** Follows one managed plugin event of {@code plugin}. */
  void on(String action, String plugin) {
    switch (action) {
      case "create", "pull", "disable" -> set(plugin, "disabled");
      case "enable", "restart" -> set(plugin, "enabled");
      case "failed" -> set(plugin, "failed");
      case "remove" -> STATES.forEach(s -> gauge.remove(plugin, s));
      default -> { }
    }
  }

  private synchronized void set(String plugin, String state) {
    for (String s : STATES) {
      gauge.labelValues(plugin, s).set(s.equals(state) ? 1 : 0);
    }
  }
}
