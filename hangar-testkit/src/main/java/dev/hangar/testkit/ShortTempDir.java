package dev.hangar.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh directory under {@code /tmp}, short enough that unix socket paths inside it stay within
 * the 106 bytes the JDK accepts (JUnit's {@code @TempDir} paths can be too long). {@link #close()}
 * deletes it with everything inside, even read-only or unreadable entries.
 *
 * @since 0.1
 */
public final class ShortTempDir implements AutoCloseable {
  private final Path path;

  /** Creates {@code /tmp/hg<random>}. */
  public ShortTempDir() {
    try {
      path = Files.createTempDirectory(Path.of("/tmp"), "hg");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory. */
  public Path path() {
    return path;
  }

  /** A path inside the directory. */
  public Path resolve(String other) {
    return path.resolve(other);
  }

  /**
   * Leaves a unix socket file at {@code path} that nobody listens on, so connecting to it is
   * refused: what a crashed plugin leaves behind. Creates the parent directories.
   */
  public static Path deadSocket(Path path) {
    try {
      Files.createDirectories(path.getParent());
      try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        ch.bind(UnixDomainSocketAddress.of(path));
      }
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} to {@code path}, creating its directory. */
  public static Path write(Path path, String text) {
    try {
      Files.createDirectories(path.getParent());
      return Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the directory and everything in it. Idempotent. */
  @Override
  public void close() throws IOException {
    deleteTree(path);
  }

  /** Deletes {@code path} and everything under it, even read-only or unreadable entries. */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(path)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        p.toFile().setReadable(true);
        p.toFile().setExecutable(true);
        Files.deleteIfExists(p);
      }
    }
  }
}
