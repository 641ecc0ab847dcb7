package dev.hangar.examples.volume;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who has which volume mounted: per volume, a count per caller id. In memory only: after a plugin
 * restart every volume counts as unmounted. Not thread-safe; the driver locks.
 */
final class MountTable {
  private final Map<String, Map<String, Integer>> byVolume = new HashMap<>();

  /** Records one more mount of {@code volume} by {@code caller}. */
  void mount(String volume, String caller) {
    byVolume.computeIfAbsent(volume, v -> new TreeMap<>()).merge(caller, 1, Integer::sum);
  }

  /**
   * Releases one mount of {@code volume} by {@code caller}.
   *
   * @return false when {@code caller} has no mount of it
   */
  boolean unmount(String volume, String caller) {
    Map<String, Integer> callers = byVolume.get(volume);
    if (callers == null || !callers.containsKey(caller)) {
      return false;
    }
    if (callers.merge(caller, -1, Integer::sum) == 0) {
      callers.remove(caller);
    }
    if (callers.isEmpty()) {
      byVolume.remove(volume);
    }
    return true;
  }

  /** The mounts of {@code volume}, per caller; empty when unmounted. */
  Map<String, Integer> callers(String volume) {
    return Map.copyOf(byVolume.getOrDefault(volume, Map.of()));
  }

  /** The number of mounts of {@code volume}, over all callers. */
  int count(String volume) {
    return byVolume.getOrDefault(volume, Map.of()).values().stream().mapToInt(i -> i).sum();
  }
}
