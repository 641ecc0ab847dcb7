package dev.hangar;

import java.util.List;
import java.util.Objects;

/**
 * What one watched reload of the JAR plugins did (see {@link JarWatchListener}): which files it
 * loaded, reloaded, refused and unloaded, and every JAR afterwards.
 *
 * @param loaded plugins now serving from a file that was new, or refused before
 * @param reloaded plugins whose changed file replaced the version that was serving
 * @param refused new or changed files that were refused, each {@link JarPluginState#FAILED} with
 *     its reason; when an older version of the same file was serving, it keeps serving (and
 *     {@link #plugins} shows it {@code LOADED} with a warning)
 * @param removed the files gone since the previous reload, as they were listed before (a
 *     {@code LOADED} one was unloaded)
 * @param plugins every JAR afterwards, as {@link PluginHost#jarPlugins()} gives them
 * @since 0.1
 */
public record JarReload(
    List<JarPluginInfo> loaded,
    List<JarPluginInfo> reloaded,
    List<JarPluginInfo> refused,
    List<JarPluginInfo> removed,
    List<JarPluginInfo> plugins) {
  /** Copies the lists. */
  public JarReload {
    loaded = List.copyOf(Objects.requireNonNull(loaded, "loaded"));
    reloaded = List.copyOf(Objects.requireNonNull(reloaded, "reloaded"));
    refused = List.copyOf(Objects.requireNonNull(refused, "refused"));
    removed = List.copyOf(Objects.requireNonNull(removed, "removed"));
    plugins = List.copyOf(Objects.requireNonNull(plugins, "plugins"));
  }

  /** Whether the reload changed nothing (e.g. only an unrelated file changed). */
  public boolean isEmpty() {
    return loaded.isEmpty() && reloaded.isEmpty() && refused.isEmpty() && removed.isEmpty();
  }
}
