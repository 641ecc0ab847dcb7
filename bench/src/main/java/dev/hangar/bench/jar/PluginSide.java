package dev.hangar.bench.jar;

import java.nio.file.Path;

/** One side of the cold-load comparison: loads every plugin of a directory, then releases them. */
public interface PluginSide extends AutoCloseable {

  /**
   * Loads every plugin JAR in {@code dir}, creates each one's implementation and calls it once.
   *
   * @return how many plugins answered
   */
  int load(Path dir) throws Exception;

  /** Unloads what {@link #load} loaded. */
  @Override
  void close() throws Exception;

  /** The side for a name: {@code hangar} or {@code pf4j}. */
  static PluginSide of(String name) {
    return switch (name) {
      case "hangar" -> new HangarSide();
      case "pf4j" -> new Pf4jSide();
      default -> throw new IllegalArgumentException("no side " + name + " (hangar or pf4j)");
    };
  }
}
