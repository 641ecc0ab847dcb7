package dev.hangar;

import java.util.Locale;

/**
 * Where a JAR plugin is in its life inside a {@link PluginHost}. The allowed moves are:
 *
 * <pre>
 *   (found) -&gt; LOADED | FAILED
 *   LOADED -&gt; UNLOADED      (file removed, replaced by a reload, or the host closed)
 *   FAILED -&gt; UNLOADED
 * </pre>
 *
 * <p>A reload does not move a plugin back: it makes a new {@code LOADED} (or {@code FAILED})
 * plugin and unloads the old one. Any other move throws {@link IllegalStateException}.
 *
 * @since 0.1
 */
public enum JarPluginState {
  /** Initialised; its implementation serves calls. */
  LOADED,
  /** Refused or failed to initialise; the error says why. */
  FAILED,
  /** Closed: its implementation and class loader were closed. */
  UNLOADED;

  /** The lower-case name shown by the CLI, e.g. {@code loaded}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a move from this state to {@code next} is allowed. */
  public boolean canMoveTo(JarPluginState next) {
    return this != UNLOADED && next == UNLOADED;
  }

  /**
   * Checks a move.
   *
   * @param plugin the plugin, for the message
   * @return {@code next}
   * @throws IllegalStateException when the move is not allowed
   */
  public JarPluginState moveTo(String plugin, JarPluginState next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("JAR plugin " + plugin + ": illegal state change " + this
          + " -> " + next);
    }
    return next;
  }
}
