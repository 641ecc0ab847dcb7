package dev.hangar.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Unique plugin names, and Docker's own plugin dirs for the {@code --docker-dirs} tests (short
 * temp dirs come from the testkit's {@code ShortTempDir}).
 */
final class GoDirs {
  static final Path DOCKER_SOCKETS = Path.of("/run/docker/plugins");
  static final Path DOCKER_SPECS = Path.of("/etc/docker/plugins");

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private GoDirs() {}

  /** A plugin name no other test run on this machine uses at the same time. */
  static String uniqueName(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
  }

  /** Skips the test unless it may write Docker's own plugin dirs (it runs as root). */
  static void assumeRoot() {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "writing /run/docker/plugins and /etc/docker/plugins needs root");
  }

  /**
   * Creates {@code dir} if needed and returns the topmost directory this call created (to remove
   * afterwards), or null when it already existed.
   */
  static Path createDirs(Path dir) {
    Path top = null;
    for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
      top = p;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return top;
  }

  /**
   * Deletes the directories from {@code dir} up to and including {@code top} while they are
   * empty: another test (or Docker) may be using them at the same time. A null {@code top}
   * (nothing was created) does nothing.
   */
  static void deleteEmptyDirs(Path dir, Path top) {
    if (top == null) {
      return;
    }
    for (Path p = dir; p != null && p.startsWith(top); p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException notEmptyOrGone) {
        return;
      }
    }
  }
}
