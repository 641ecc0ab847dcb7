package dev.hangar.managed.internal;

import dev.hangar.managed.ManagedState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of a managed plugin's state changes. Every change goes through {@link #check}, so
 * a bug that would, say, report a plugin enabled that never started fails loudly instead.
 *
 * <pre>
 * DISABLED   -> STARTING (enable)
 * STARTING   -> ENABLED (serving) | DISABLED (did not start) | FAILED (did not start at boot)
 * ENABLED    -> RESTARTING (exited) | DISABLED (disable) | FAILED (exited too often)
 * RESTARTING -> ENABLED (serving again) | FAILED | DISABLED (disable)
 * FAILED     -> STARTING (enable: a new crash count) | DISABLED (disable)
 * </pre>
 */
public final class ManagedTransitions {
  private static final Map<ManagedState, Set<ManagedState>> ALLOWED =
      new EnumMap<>(ManagedState.class);

  static {
    ALLOWED.put(ManagedState.DISABLED, EnumSet.of(ManagedState.STARTING));
    ALLOWED.put(ManagedState.STARTING,
        EnumSet.of(ManagedState.ENABLED, ManagedState.DISABLED, ManagedState.FAILED));
    ALLOWED.put(ManagedState.ENABLED,
        EnumSet.of(ManagedState.RESTARTING, ManagedState.DISABLED, ManagedState.FAILED));
    ALLOWED.put(ManagedState.RESTARTING,
        EnumSet.of(ManagedState.ENABLED, ManagedState.FAILED, ManagedState.DISABLED));
    ALLOWED.put(ManagedState.FAILED, EnumSet.of(ManagedState.STARTING, ManagedState.DISABLED));
  }

  private ManagedTransitions() {}

  /** Whether {@code from -> to} is a legal change. */
  public static boolean allowed(ManagedState from, ManagedState to) {
    return ALLOWED.get(from).contains(to);
  }

  /** @throws IllegalStateException for an illegal change, naming both states */
  public static void check(ManagedState from, ManagedState to) {
    if (!allowed(from, to)) {
      throw new IllegalStateException("illegal managed plugin transition " + from + " -> " + to);
    }
  }

  /** Whether a plugin in {@code s} counts as {@code Enabled} for Docker (it is meant to run). */
  public static boolean enabled(ManagedState s) {
    return s == ManagedState.ENABLED || s == ManagedState.RESTARTING;
  }
}
