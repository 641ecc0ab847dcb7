package dev.hangar.internal.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A short directory under /tmp, so unix socket paths stay under 108 bytes; deleted on close. */
final class ShortTempDir implements AutoCloseable {
  final Path root;

  ShortTempDir() {
    try {
      root = Files.createTempDirectory(Path.of("/tmp"), "hg");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path resolve(String other) {
    return root.resolve(other);
  }

  /** Leaves a unix socket file at {@code path} (no one listens on it). */
  static Path socketFile(Path path) {
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
  static Path write(Path path, String text) {
    try {
      Files.createDirectories(path.getParent());
      return Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        p.toFile().setReadable(true);
        p.toFile().setExecutable(true);
        Files.deleteIfExists(p);
      }
    }
  }
}
