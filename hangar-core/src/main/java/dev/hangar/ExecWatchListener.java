package dev.hangar;

/**
 * Told what each re-read of the exec declarations by a {@link PluginHost.Builder#watch watching}
 * host did. Set with {@link PluginHost.Builder#execWatchListener}.
 *
 * <p>Called on the exec watcher's thread ({@code hangar-exec-watch}), one re-read at a time,
 * after it is complete and outside the host's locks, so a listener may call the host. Only
 * re-reads the watcher starts are reported, not {@link ExecPlugins#reload} nor the first read,
 * and only those that changed something ({@link ExecReload#isEmpty} is false). Listeners should
 * be fast and should not throw: an exception thrown by a listener is ignored, and the watcher
 * goes on.
 *
 * @since 0.1
 */
public interface ExecWatchListener {
  /** A listener that ignores everything. */
  ExecWatchListener NONE = new ExecWatchListener() {};

  /**
   * The exec declarations were read again after a change in the exec directories. Refused
   * declarations are reported here, in {@link ExecReload#refused()}, not to
   * {@link #reloadFailed}.
   *
   * @param reload what it changed
   */
  default void reloaded(ExecReload reload) {}

  /**
   * A re-read failed as a whole (an unexpected error of the host, not a bad declaration). The
   * watcher goes on with the next change.
   *
   * @param error what went wrong
   */
  default void reloadFailed(RuntimeException error) {}
}
