package dev.hangar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Socket files for tests. */
final class ShortSockets {
  private ShortSockets() {}

  /** A socket file nobody listens on: connecting to it is refused. */
  static Path deadSocket(Path path) {
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
}
