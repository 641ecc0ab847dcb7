package dev.hangar.internal.lifecycle;

import dev.hangar.PluginState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The one transition table of {@link PluginState}. */
public final class Transitions {
  private static final Map<PluginState, Set<PluginState>> ALLOWED =
      new EnumMap<>(PluginState.class);

  static {
    ALLOWED.put(PluginState.DISCOVERED, EnumSet.of(PluginState.ACTIVATING, PluginState.CLOSED));
    ALLOWED.put(PluginState.ACTIVATING,
        EnumSet.of(PluginState.ACTIVE, PluginState.FAILED, PluginState.CLOSED));
    ALLOWED.put(PluginState.ACTIVE, EnumSet.of(PluginState.STALE, PluginState.CLOSED));
    ALLOWED.put(PluginState.STALE, EnumSet.of(PluginState.ACTIVATING, PluginState.CLOSED));
    ALLOWED.put(PluginState.FAILED, EnumSet.of(PluginState.CLOSED));
    ALLOWED.put(PluginState.CLOSED, EnumSet.noneOf(PluginState.class));
  }

  private Transitions() {}

  /** Whether {@code from -> to} is allowed. */
  public static boolean allowed(PluginState from, PluginState to) {
    return ALLOWED.get(Objects.requireNonNull(from, "from"))
        .contains(Objects.requireNonNull(to, "to"));
  }

  /**
   * Checks a move.
   *
   * @param plugin the plugin's name, for the message
   * @return {@code to}
   * @throws IllegalStateException when the move is not allowed
   */
  public static PluginState check(String plugin, PluginState from, PluginState to) {
    if (!allowed(from, to)) {
      throw new IllegalStateException("plugin " + plugin + ": illegal state change " + from
          + " -> " + to);
    }
    return to;
  }
}
