package dev.hangar.daemon.internal.server;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.Wire;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.UUID;

/**
 * The socket file of a unix listener, mode 0660 from its first moment: the socket is bound in a
 * fresh private directory (0700) beside the target, given its mode there, hard-linked to the
 * target and its private name removed. Only when that private path would not fit
 * {@code sockaddr_un} is it bound at the target and chmod-ed right after.
 *
 * <p>A socket file already at the target is removed when nobody answers on it (a daemon killed
 * before it could clean up); a live socket or another kind of file is refused. Directories
 * created on the way are 0700. Not thread-safe.
 */
final class SocketFile {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-rw----");
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private final Path target;
  private final Path privateDir;
  private final Path bindPath;
  private Object fileKey;

  private SocketFile(Path target, Path privateDir, Path bindPath) {
    this.target = target;
    this.privateDir = privateDir;
    this.bindPath = bindPath;
  }

  /**
   * Makes {@code target} ready to be bound.
   *
   * @throws HangarException SOCKET_IN_USE for a live socket, IO_ERROR for another kind of file
   *     or a directory that cannot be created
   */
  static SocketFile prepare(Path target) {
    Path parent = target.getParent();
    try {
      createDirectories(parent);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR,
          "cannot create the directory of socket " + target + ": " + e.getMessage(), e);
    }
    removeIfStale(target);
    Path dir = parent.resolve(".hangar-" + UUID.randomUUID().toString().substring(0, 8));
    Path bind = dir.resolve("s");
    if (bind.toString().getBytes(StandardCharsets.UTF_8).length > Wire.MAX_UNIX_PATH_BYTES) {
      return new SocketFile(target, null, target);
    }
    try {
      Files.createDirectory(dir, PRIVATE_DIR);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR,
          "cannot create a private directory beside socket " + target + ": " + e.getMessage(), e);
    }
    return new SocketFile(target, dir, bind);
  }

  /** Where the server must bind. */
  Path bindPath() {
    return bindPath;
  }

  /** The public path. */
  Path target() {
    return target;
  }

  /**
   * Once bound: sets the mode and puts the socket at the target.
   *
   * @throws HangarException SOCKET_IN_USE when something appeared at the target meanwhile,
   *     IO_ERROR otherwise
   */
  void publish() {
    try {
      Files.setPosixFilePermissions(bindPath, MODE);
      if (privateDir != null) {
        Files.createLink(target, bindPath);
        cleanPrivateDir();
      }
      fileKey = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (FileAlreadyExistsException e) {
      throw new HangarException(ErrorCode.SOCKET_IN_USE,
          "socket " + target + " was created by another process while the daemon started", e);
    } catch (IOException | UnsupportedOperationException e) {
      throw new HangarException(ErrorCode.IO_ERROR,
          "cannot publish socket " + target + ": " + e.getMessage(), e);
    }
  }

  /** Removes the socket if it is still the one published, and the private directory. */
  void remove() {
    try {
      if (fileKey != null && fileKey.equals(Files.readAttributes(target,
          BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey())) {
        Files.deleteIfExists(target);
      }
    } catch (IOException e) {
      // Gone already: nothing of ours to remove.
    }
    cleanPrivateDir();
  }

  private void cleanPrivateDir() {
    if (privateDir != null) {
      try {
        Files.deleteIfExists(bindPath);
        Files.deleteIfExists(privateDir);
      } catch (IOException e) {
        // Best effort: an empty hidden directory left behind is harmless.
      }
    }
  }

  private static void createDirectories(Path dir) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    while (!missing.isEmpty()) {
      try {
        Files.createDirectory(missing.pop(), PRIVATE_DIR);
      } catch (FileAlreadyExistsException e) {
        // Created meanwhile by someone else, or not a directory: the bind will tell.
      }
    }
  }

  /** Removes {@code path} when it is a socket nobody answers on. */
  static void removeIfStale(Path path) {
    int mode;
    try {
      mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot inspect " + path + ": " + e, e);
    }
    if ((mode & S_IFMT) != S_IFSOCK) {
      throw new HangarException(ErrorCode.IO_ERROR,
          path + " exists and is not a socket; not replacing it");
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      // Non-blocking: a live server with a full backlog must not hang the start.
      ch.configureBlocking(false);
      ch.connect(UnixDomainSocketAddress.of(path));
    } catch (ConnectException e) {
      try {
        Files.deleteIfExists(path);
        return;
      } catch (IOException ex) {
        throw new HangarException(ErrorCode.IO_ERROR,
            "cannot remove stale socket " + path + ": " + ex.getMessage(), ex);
      }
    } catch (IOException e) {
      throw new HangarException(ErrorCode.SOCKET_IN_USE, "cannot tell whether socket " + path
          + " is in use (" + e.getMessage() + "); not replacing it", e);
    }
    throw new HangarException(ErrorCode.SOCKET_IN_USE,
        "socket " + path + " is in use by a running process; stop it or choose another -H");
  }
}
