package dev.hangar;

/**
 * Told what each reload of a {@link PluginHost.Builder#watch watching} host did. Set with
 * {@link PluginHost.Builder#jarWatchListener}.
 *
 * <p>Called on the watcher's thread ({@code hangar-plugin-watch}), one reload at a time, after
 * the reload is complete and outside the host's locks, so a listener may call the host. Only
 * reloads the watcher starts are reported, not {@link PluginHost#reloadJarPlugins} nor the
 * first load. Listeners should be fast and should not throw: an exception thrown by a listener
 * is ignored, and the watcher goes on.
 *
 * @since 0.1
 */
public interface JarWatchListener {
  /** A listener that ignores everything. */
  JarWatchListener NONE = new JarWatchListener() {};

  /**
   * A reload after a change in the plugin directories finished. Refused JARs are reported here,
   * in {@link JarReload#refused()}, not to {@link #reloadFailed}.
   *
   * @param reload what it did
   */
  default void reloaded(JarReload reload) {}

  /**
   * A reload failed as a whole (not one plugin: an unexpected error of the host). The watcher
   * goes on with the next change.
   *
   * @param error what went wrong
   */
  default void reloadFailed(RuntimeException error) {}
}
