package dev.hangar;

import java.util.Locale;

/**
 * Where a socket plugin is in its life inside a {@link PluginHost}. The allowed moves are:
 *
 * <pre>
 *   DISCOVERED -&gt; ACTIVATING -&gt; ACTIVE -&gt; STALE -&gt; ACTIVATING (re-activation)
 *                 ACTIVATING -&gt; FAILED
 *   every state but CLOSED -&gt; CLOSED
 * </pre>
 *
 * <p>A failed plugin is dropped: the next lookup discovers it afresh, as a new
 * {@code DISCOVERED} plugin. Any other move throws {@link IllegalStateException}.
 *
 * @since 0.1
 */
public enum PluginState {
  /** Found on disk, {@code Plugin.Activate} not called yet. */
  DISCOVERED,
  /** {@code Plugin.Activate} is in flight; other callers wait for it. */
  ACTIVATING,
  /** Activated; its manifest says what it implements. */
  ACTIVE,
  /**
   * A call failed at the transport level (unreachable, connection lost, timeout): the plugin may
   * have restarted, so it is activated again before the next call.
   */
  STALE,
  /** Activation failed; the error says why. */
  FAILED,
  /** The host was closed. */
  CLOSED;

  /** The lower-case name shown by the CLI, e.g. {@code active}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a move from this state to {@code next} is allowed. */
  public boolean canMoveTo(PluginState next) {
    return dev.hangar.internal.lifecycle.Transitions.allowed(this, next);
  }
}
