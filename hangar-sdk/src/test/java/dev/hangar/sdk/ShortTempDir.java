package dev.hangar.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temp directory under /tmp, short enough for unix socket paths; deleted by close(). */
final class ShortTempDir implements AutoCloseable {
  final Path path;

  ShortTempDir() {
    try {
      path = Files.createTempDirectory(Path.of("/tmp"), "hg");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path resolve(String name) {
    return path.resolve(name);
  }

  @Override
  public void close() throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> s = Files.walk(path)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
