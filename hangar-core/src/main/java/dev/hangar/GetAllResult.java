package dev.hangar;

import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.SpecFileException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link PluginHost#getAll} found: the plugins implementing the capability and what went
 * wrong with the others. One plugin's failure never hides the rest.
 *
 * @param plugins the active plugins implementing the capability, sorted by name
 * @param failures by plugin name, sorted: plugins that could not be activated
 * @param problems files that could not be read at all (no plugin name can be trusted)
 * @since 0.1
 */
public record GetAllResult(
    List<SocketPlugin> plugins,
    Map<String, HangarException> failures,
    List<SpecFileException> problems) {
  /** Copies the collections. */
  public GetAllResult {
    plugins = List.copyOf(plugins);
    failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    problems = List.copyOf(problems);
  }
}
