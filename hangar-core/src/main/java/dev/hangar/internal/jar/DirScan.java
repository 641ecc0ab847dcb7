package dev.hangar.internal.jar;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lists the {@code *.jar} files of the plugin directories (each directory in name order, missing
 * or unreadable directories skipped) with one directory listing each, and stamps them for change
 * detection: the size, modification time and file key of the JAR and of its options file (the
 * {@code .properties} beside it, found in the same listing, so a JAR without one costs no lookup).
 */
final class DirScan {
  private DirScan() {}

  /**
   * A JAR found.
   *
   * @param jar the absolute, normalized path
   * @param stamp its identity for change detection
   * @param options the options file beside it, or null when there is none
   */
  record Found(Path jar, long stamp, Path options) {}

  static List<Found> scan(List<Path> dirs) {
    List<Found> out = new ArrayList<>();
    for (Path d : dirs) {
      List<Path> jars = new ArrayList<>();
      Set<String> names = new HashSet<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
        for (Path p : s) {
          String n = p.getFileName().toString();
          names.add(n);
          if (n.endsWith(".jar")) {
            jars.add(p.toAbsolutePath().normalize());
          }
        }
      } catch (IOException e) {
        // a missing or unreadable directory contributes nothing
        continue;
      }
      jars.sort(null);
      for (Path jar : jars) {
        BasicFileAttributes a = attributes(jar);
        if (a == null || !a.isRegularFile()) {
          continue;
        }
        String props = optionsName(jar);
        Path options = names.contains(props) ? jar.resolveSibling(props) : null;
        BasicFileAttributes o = options == null ? null : attributes(options);
        out.add(new Found(jar, Objects.hash(identity(a), identity(o)), options));
      }
    }
    return out;
  }

  /** The name of the options file of {@code jar}: {@code x.properties} for {@code x.jar}. */
  static String optionsName(Path jar) {
    String fn = jar.getFileName().toString();
    return fn.substring(0, fn.length() - ".jar".length()) + ".properties";
  }

  private static BasicFileAttributes attributes(Path f) {
    try {
      return Files.readAttributes(f, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static int identity(BasicFileAttributes a) {
    return a == null ? 0
        : Objects.hash(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()));
  }
}
