package dev.hangar.internal.jar;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;

/**
 * The place of one {@code type/name} in a host: its current generation, or none while the plugin
 * is not loaded. Handles hold the slot, not a generation, so they follow reloads with one volatile
 * read per call and no map lookup. Slots live as long as the registry, so a handle on a plugin
 * removed and added again finds the new one. Only the registry (under its lock) swaps generations.
 */
final class PluginSlot {
  private final String key;
  private final JarPluginRegistry registry;
  private volatile LoadedJar current;

  PluginSlot(String key, JarPluginRegistry registry) {
    this.key = key;
    this.registry = registry;
  }

  String key() {
    return key;
  }

  /** The current generation, or null. */
  LoadedJar current() {
    return current;
  }

  /** Makes {@code next} (or none) current; returns the previous one. Registry lock held. */
  LoadedJar swap(LoadedJar next) {
    LoadedJar old = current;
    current = next;
    return old;
  }

  /**
   * Starts a call on the current generation: the caller must {@link LoadedJar#exit} it.
   *
   * @param ticket {@link LoadedJar#ticket} of the calling thread
   * @throws HangarException PLUGIN_NOT_FOUND when no generation is current
   * @throws IllegalStateException when the host is closed
   */
  LoadedJar enter(int ticket) {
    while (true) {
      LoadedJar g = current;
      if (g == null) {
        throw notLoaded();
      }
      if (g.enter(ticket)) {
        return g;
      }
      // retired after this thread read it: the registry has already swapped in the next one
      Thread.onSpinWait();
    }
  }

  private RuntimeException notLoaded() {
    registry.ensureOpen();
    return new HangarException(ErrorCode.PLUGIN_NOT_FOUND, "JAR plugin " + key
        + " is not loaded (removed or refused)");
  }

  /** A plugin's implementation is not what a handle uses it as. */
  HangarException notImplementing(Object implementation, Class<?> iface) {
    return new HangarException(ErrorCode.CAPABILITY_NOT_IMPLEMENTED, "JAR plugin " + key + " ("
        + implementation.getClass().getName() + ") does not implement " + iface.getName());
  }
}
