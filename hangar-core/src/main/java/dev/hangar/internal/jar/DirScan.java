package dev.hangar.internal.jar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Lists the {@code *.jar} files of the plugin directories (each directory in name order, missing
 * or unreadable directories skipped) and stamps them for change detection.
 */
final class DirScan {
  private DirScan() {}

  static List<Path> jars(List<Path> dirs) {
    List<Path> out = new ArrayList<>();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> s = Files.list(d)) {
        s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
            .sorted().forEach(p -> out.add(p.toAbsolutePath().normalize()));
      } catch (IOException e) {
        // an unreadable directory contributes nothing; its JARs cannot be listed either
      }
    }
    return out;
  }

  /** A file's identity for change detection: the JAR's and its options file's size and mtime. */
  static long stamp(Path f) {
    String fn = f.getFileName().toString();
    Path props = f.resolveSibling(fn.substring(0, fn.length() - ".jar".length()) + ".properties");
    return Objects.hash(attributes(f), attributes(props));
  }

  private static List<Object> attributes(Path f) {
    try {
      BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
      return List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()));
    } catch (IOException e) {
      return List.of();
    }
  }
}
