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
import java.util.concurrent.TimeUnit;

/**
 * Lists the {@code *.jar} files of the plugin directories (each directory in name order, missing
 * or unreadable directories skipped) with one directory listing each, and stamps them for change
 * detection: the size, modification time and file key of the JAR and of its options file (the
 * {@code .properties} beside it, found in the same listing, so a JAR without one costs no lookup).
 * When every JAR found will be loaded anyway (the first sync, a forced one), the scan leaves the
 * stamping to the loading workers ({@link #stamp}), so the {@code stat}s run in parallel, each
 * just before its JAR is read.
 */
final class DirScan {
  /** The stamp of a {@link Found} whose stamping was left to {@link #stamp}. */
  static final long UNSTAMPED = Long.MIN_VALUE;
  /** What {@link #stamp} returns for a path that is not a regular file (or is gone). */
  static final long NOT_A_FILE = Long.MIN_VALUE + 1;

  private DirScan() {}

  /**
   * A JAR found.
   *
   * @param jar the absolute, normalized path
   * @param stamp its identity for change detection, or {@link #UNSTAMPED}
   * @param options the options file beside it, or null when there is none
   */
  record Found(Path jar, long stamp, Path options) {}

  /**
   * The JARs of {@code dirs}.
   *
   * @param stamped whether to stamp them now (and skip what is not a regular file); else each is
   *     {@link #UNSTAMPED} and must go through {@link #stamp} before it is read
   */
  static List<Found> scan(List<Path> dirs, boolean stamped) {
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
        String props = optionsName(jar);
        Path options = names.contains(props) ? jar.resolveSibling(props) : null;
        if (!stamped) {
          out.add(new Found(jar, UNSTAMPED, options));
          continue;
        }
        long stamp = stamp(jar, options);
        if (stamp != NOT_A_FILE) {
          out.add(new Found(jar, stamp, options));
        }
      }
    }
    return out;
  }

  /** The stamp of {@code found}: its own, or taken now when the scan left it. */
  static long stamp(Found found) {
    return found.stamp() != UNSTAMPED ? found.stamp() : stamp(found.jar(), found.options());
  }

  /** The stamp of a JAR and its options file, or {@link #NOT_A_FILE}. */
  private static long stamp(Path jar, Path options) {
    BasicFileAttributes a = attributes(jar);
    if (a == null || !a.isRegularFile()) {
      return NOT_A_FILE;
    }
    long h = identity(a) * 31 + (options == null ? 0 : identity(attributes(options)));
    // the two sentinels are never a stamp
    return h == UNSTAMPED || h == NOT_A_FILE ? 0 : h;
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

  private static long identity(BasicFileAttributes a) {
    if (a == null) {
      return 0;
    }
    long h = a.size();
    h = h * 31 + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    return h * 31 + Objects.hashCode(a.fileKey());
  }
}
