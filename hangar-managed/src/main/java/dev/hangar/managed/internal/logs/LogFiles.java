package dev.hangar.managed.internal.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of one log: {@code plugin.log} (being written) and {@code plugin.log.1},
 * {@code .2}... (older and older), as moby's {@code loggerutils} names them.
 *
 * <p>Readers identify a file by its file key (device and inode on Linux), which rotation (a
 * rename) keeps and a new {@code plugin.log} never shares with one still open.
 */
final class LogFiles {
  static final String NAME = "plugin.log";
  private static final Pattern ROTATED = Pattern.compile("plugin\\.log(?:\\.([1-9][0-9]{0,8}))?");
  private static final int ATTEMPTS = 1000;

  private LogFiles() {}

  /** The file named {@code plugin.log.<n>}, or {@code plugin.log} for 0. */
  static Path file(Path dir, int n) {
    return dir.resolve(n == 0 ? NAME : NAME + "." + n);
  }

  /** One file of a log, open for reading. */
  record Open(Path path, Object key, FileChannel channel) {}

  /** The key of the file at {@code path} now, or empty if there is none. */
  static Optional<Object> key(Path path) throws IOException {
    try {
      BasicFileAttributes a =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return Optional.of(Objects.requireNonNullElse(a.fileKey(), a.creationTime()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Opens the files of the log, oldest first, as one consistent set: the names and keys are
   * read before and after opening, and the whole is retried until no rotation ran in between
   * (each rotation gives {@code plugin.log} a new key). With {@code after}, only the files newer
   * than the file of that key, or all of them if it is gone. Empty when there is no log (yet).
   *
   * @throws IOException if a file cannot be listed or opened
   */
  static List<Open> open(Path dir, Optional<Object> after) throws IOException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<Named> before = list(dir);
      int from = 0;
      for (int i = 0; after.isPresent() && i < before.size(); i++) {
        if (before.get(i).key().equals(after.get())) {
          from = i + 1;
        }
      }
      List<Open> open = new ArrayList<>(before.size() - from);
      boolean gone = false;
      try {
        for (Named n : before.subList(from, before.size())) {
          try {
            FileChannel ch = FileChannel.open(n.path(), StandardOpenOption.READ);
            open.add(new Open(n.path(), n.key(), ch));
          } catch (NoSuchFileException e) {
            gone = true;
            break;
          }
        }
        if (!gone && before.equals(list(dir))) {
          return open;
        }
      } catch (IOException | RuntimeException e) {
        closeAll(open);
        throw e;
      }
      closeAll(open);
      Thread.onSpinWait();
    }
    throw new IOException("the log in " + dir + " kept rotating while being opened");
  }

  /** Closes every channel, ignoring failures (they were only read). */
  static void closeAll(List<Open> files) {
    for (Open f : files) {
      try {
        f.channel().close();
      } catch (IOException e) {
        // Nothing was written through it; nothing is lost.
      }
    }
  }

  /** The numbers of the rotated files there are, highest (oldest) first. */
  static List<Integer> rotated(Path dir) throws IOException {
    List<Integer> found = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, NAME + ".*")) {
      for (Path p : ds) {
        Matcher m = ROTATED.matcher(p.getFileName().toString());
        if (m.matches() && m.group(1) != null) {
          found.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    found.sort(Comparator.reverseOrder());
    return found;
  }

  private record Named(int n, Path path, Object key) {}

  private static List<Named> list(Path dir) throws IOException {
    List<Named> named = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, NAME + "*")) {
      for (Path p : ds) {
        Matcher m = ROTATED.matcher(p.getFileName().toString());
        if (m.matches()) {
          int n = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
          Optional<Object> key = key(p);
          if (key.isPresent()) {
            named.add(new Named(n, p, key.get()));
          }
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    named.sort(Comparator.comparingInt(Named::n).reversed());
    return named;
  }
}
