package dev.hangar.managed;

/**
 * Where a managed plugin is in its life. Transitions are held in one table
 * ({@code dev.hangar.managed.internal.ManagedTransitions}) and tested edge by edge.
 *
 * @since 0.2
 */
public enum ManagedState {
  /** Created, or disabled: no process. */
  DISABLED,
  /** Being started by {@code enable}: not yet serving (never reported as enabled). */
  STARTING,
  /** Running and activated: serving calls. */
  ENABLED,
  /** Exited while enabled; being restarted after a backoff. */
  RESTARTING,
  /** Exited too often (5 times within 60 s): stopped, saved with {@code Enabled} false. */
  FAILED;

  /** The lower-case name shown by the CLI ({@code enabled}, {@code failed}, ...). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
