package dev.hangar;

import dev.hangar.protocol.SpecFileException;
import java.util.List;
import java.util.Optional;

/**
 * Every plugin found in the configured directories, and every problem met on the way. One bad
 * file never hides the others: it becomes an entry of {@link #problems()}.
 *
 * @param plugins one per name (the first in lookup order wins), sorted by name
 * @param problems unreadable directories and unusable files, each naming its file
 * @since 0.1
 */
public record ScanResult(List<DiscoveredPlugin> plugins, List<SpecFileException> problems) {
  /** Copies the lists. */
  public ScanResult {
    plugins = List.copyOf(plugins);
    problems = List.copyOf(problems);
  }

  /** The plugin of that name, when it was found. */
  public Optional<DiscoveredPlugin> plugin(String name) {
    return plugins.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
