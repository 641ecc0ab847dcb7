package dev.hangar.managed.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code --publish-sockets DIR}: a symbolic link {@code DIR/<name>.sock} to the socket of every
 * serving managed plugin, so that legacy discovery (Docker's {@code pkg/plugins}, Podman,
 * Hangar's socket plugins) finds it by name. {@code <name>} is the stored name without a
 * {@code :latest} tag, with {@code /} and {@code :} turned into {@code -}
 * ({@code team/vol:1.0} is {@code team-vol-1.0.sock}).
 */
final class SocketLinks {
  private static final Logger LOG = Logger.getLogger(SocketLinks.class.getName());

  private final Optional<Path> dir;

  SocketLinks(Optional<Path> dir) {
    this.dir = dir;
  }

  /** The link's file name for a stored name. */
  static String fileName(String storedName) {
    String n = storedName.endsWith(":latest")
        ? storedName.substring(0, storedName.length() - ":latest".length()) : storedName;
    return n.replace('/', '-').replace(':', '-') + ".sock";
  }

  /** Links {@code name} to {@code socket}, replacing a stale link atomically. */
  void publish(String name, Path socket) {
    if (dir.isEmpty()) {
      return;
    }
    Path link = dir.get().resolve(fileName(name));
    Path tmp = dir.get().resolve("." + fileName(name) + ".tmp");
    try {
      Files.createDirectories(dir.get());
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, socket);
      Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot publish the socket of managed plugin " + name + " as "
          + link + ": " + e);
    }
  }

  /** Removes the link of {@code name}, if it is a link. */
  void unpublish(String name) {
    if (dir.isEmpty()) {
      return;
    }
    Path link = dir.get().resolve(fileName(name));
    try {
      if (Files.isSymbolicLink(link)) {
        Files.delete(link);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot remove " + link + ": " + e);
    }
  }
}
