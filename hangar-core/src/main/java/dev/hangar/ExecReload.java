package dev.hangar;

import dev.hangar.exec.ExecDomain;
import java.util.List;
import java.util.Objects;

/**
 * What one watched re-read of the exec declarations did (see {@link ExecWatchListener}).
 *
 * @param added domains declared now that were not accepted before
 * @param changed accepted domains whose declaration differs from the one before (its path,
 *     exports, settings, or its place in the file)
 * @param removed accepted domains no longer declared (or now refused), as they were before
 * @param refused refusals that are new or whose reason changed, {@link PluginState#FAILED}
 *     entries as {@link ExecPlugins#infos} lists them
 * @param resolved refusals of the previous read that are gone (the declaration fixed, which
 *     then appears in {@code added}, or its file removed)
 * @param plugins every exec plugin afterwards, as {@link ExecPlugins#infos} gives them
 * @since 0.1
 */
public record ExecReload(
    List<ExecDomain> added,
    List<ExecDomain> changed,
    List<ExecDomain> removed,
    List<PluginInfo> refused,
    List<PluginInfo> resolved,
    List<PluginInfo> plugins) {
  /** Copies the lists. */
  public ExecReload {
    added = List.copyOf(Objects.requireNonNull(added, "added"));
    changed = List.copyOf(Objects.requireNonNull(changed, "changed"));
    removed = List.copyOf(Objects.requireNonNull(removed, "removed"));
    refused = List.copyOf(Objects.requireNonNull(refused, "refused"));
    resolved = List.copyOf(Objects.requireNonNull(resolved, "resolved"));
    plugins = List.copyOf(Objects.requireNonNull(plugins, "plugins"));
  }

  /** Whether the re-read changed nothing (e.g. only an unrelated file changed). */
  public boolean isEmpty() {
    return added.isEmpty() && changed.isEmpty() && removed.isEmpty() && refused.isEmpty()
        && resolved.isEmpty();
  }
}
