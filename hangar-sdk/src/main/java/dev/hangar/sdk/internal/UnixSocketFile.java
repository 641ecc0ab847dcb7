package dev.hangar.sdk.internal;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;

/**
 * The socket file of a server listening on a unix socket: safe replacement of a stale socket,
 * restrictive permissions from the first moment, removal on close.
 *
 * <p>How the permissions are never wider than asked: the socket is bound inside a fresh private
 * directory (mode 0700) next to the target, given its mode there, then hard-linked to the target
 * path (which fails rather than replaces if something appeared there meanwhile) and its private
 * name removed. Only when that private path would exceed the {@code sockaddr_un} limit (or the
 * file system refuses the link) is the socket bound at the target itself and chmod-ed right after
 * bind; its mode is then, for that short moment, what the process umask allows.
 *
 * <p>Not thread-safe; the owning server serialises the calls.
 */
public final class UnixSocketFile {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  /**
   * The longest socket path the JDK binds or connects to, in bytes: one less than Linux allows
   * ({@code sun_path} is 108 bytes with the terminating NUL, and the JDK refuses 107).
   */
  public static final int MAX_PATH_BYTES = dev.hangar.protocol.Wire.MAX_UNIX_PATH_BYTES;

  private final Path target;
  private final Set<PosixFilePermission> permissions;
  private final Path privateDir;
  private final Path bindPath;
  private Object fileKey;

  private UnixSocketFile(Path target, Set<PosixFilePermission> permissions, Path privateDir,
      Path bindPath) {
    this.target = target;
    this.permissions = permissions;
    this.privateDir = privateDir;
    this.bindPath = bindPath;
  }

  /**
   * Makes {@code target} ready to be served: creates its parent, removes a stale socket, refuses a
   * live socket or any other kind of file, and picks where to bind.
   *
   * @param target the absolute socket path
   * @param permissions the socket's permissions
   * @throws HangarException {@code SOCKET_IN_USE} when a process answers on {@code target} (or it
   *     cannot be probed), {@code SPEC_INVALID} when {@code target} is not a socket,
   *     {@code IO_ERROR} when a directory cannot be created
   */
  public static UnixSocketFile prepare(Path target, Set<PosixFilePermission> permissions) {
    Objects.requireNonNull(permissions, "permissions");
    Path parent = target.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR,
          "cannot create the directory of socket " + target + ": " + e, e);
    }
    removeIfStale(target);
    Path probe = parent.resolve(".hg-" + randomName()).resolve("s");
    if (probe.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      return new UnixSocketFile(target, permissions, null, target);
    }
    for (int attempt = 0; ; attempt++) {
      Path dir = parent.resolve(".hg-" + randomName());
      try {
        Files.createDirectory(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new UnixSocketFile(target, permissions, dir, dir.resolve("s"));
      } catch (FileAlreadyExistsException e) {
        if (attempt == 9) {
          throw new HangarException(ErrorCode.IO_ERROR,
              "cannot create a private directory beside socket " + target + ": " + e, e);
        }
      } catch (IOException | UnsupportedOperationException e) {
        throw new HangarException(ErrorCode.IO_ERROR,
            "cannot create a private directory beside socket " + target + ": " + e, e);
      }
    }
  }

  /** Where the server must bind: a private path, or the target itself. */
  public Path bindPath() {
    return bindPath;
  }

  /** The public socket path. */
  public Path target() {
    return target;
  }

  /**
   * Once the server listens on {@link #bindPath()}: sets the permissions and makes the socket
   * reachable at the target.
   *
   * @throws HangarException {@code SOCKET_IN_USE} when something appeared at the target meanwhile,
   *     {@code IO_ERROR} when the permissions cannot be set
   */
  public void publish() {
    try {
      Files.setPosixFilePermissions(bindPath, permissions);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR,
          "cannot set the permissions of socket " + target + ": " + e, e);
    }
    if (privateDir != null) {
      try {
        Files.createLink(target, bindPath);
      } catch (FileAlreadyExistsException e) {
        throw new HangarException(ErrorCode.SOCKET_IN_USE,
            "socket " + target + " was created by another process while this one started", e);
      } catch (IOException | UnsupportedOperationException e) {
        moveInstead(e);
      }
      cleanPrivateDir();
    }
    try {
      fileKey = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "socket " + target + " vanished: " + e, e);
    }
  }

  private void moveInstead(Exception linkFailure) {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new HangarException(ErrorCode.SOCKET_IN_USE,
          "socket " + target + " was created by another process while this one started",
          linkFailure);
    }
    try {
      Files.move(bindPath, target);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR,
          "cannot move socket into place at " + target + ": " + e, e);
    }
  }

  /**
   * Removes the socket file if it is still the one this server created, and the private
   * directory. Never throws; idempotent.
   */
  public void remove() {
    try {
      if (fileKey != null) {
        BasicFileAttributes a =
            Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (fileKey.equals(a.fileKey())) {
          Files.deleteIfExists(target);
        }
      } else if (privateDir == null && isSocket(target)) {
        // Bound at the target but never published: the socket is ours.
        Files.deleteIfExists(target);
      }
    } catch (IOException e) {
      // Gone already, or unreadable: nothing of ours to remove.
    }
    cleanPrivateDir();
  }

  private void cleanPrivateDir() {
    if (privateDir == null) {
      return;
    }
    try {
      Files.deleteIfExists(bindPath);
      Files.deleteIfExists(privateDir);
    } catch (IOException e) {
      // Best effort: a leftover empty hidden directory is harmless.
    }
  }

  /**
   * Removes {@code path} when it is a socket nobody answers on.
   *
   * @throws HangarException when it is a live socket or not a socket
   */
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
      throw new HangarException(ErrorCode.SPEC_INVALID,
          path + " exists and is not a socket; not replacing it");
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.configureBlocking(false);
      ch.connect(UnixDomainSocketAddress.of(path));
    } catch (ConnectException e) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ex) {
        throw new HangarException(ErrorCode.IO_ERROR,
            "cannot remove stale socket " + path + ": " + ex, ex);
      }
      return;
    } catch (IOException e) {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      throw new HangarException(ErrorCode.SOCKET_IN_USE,
          "cannot tell whether socket " + path + " is in use (" + e.getMessage()
              + "); not replacing it", e);
    }
    throw new HangarException(ErrorCode.SOCKET_IN_USE,
        "socket " + path + " is in use by a running process; stop it or choose another path");
  }

  private static boolean isSocket(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return (mode & S_IFMT) == S_IFSOCK;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String randomName() {
    char[] c = new char[6];
    for (int i = 0; i < c.length; i++) {
      c[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(c);
  }
}
