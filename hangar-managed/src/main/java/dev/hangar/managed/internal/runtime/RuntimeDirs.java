package dev.hangar.managed.internal.runtime;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Short per-root runtime dirs, so socket paths stay under the 108-byte {@code sockaddr_un} limit
 * whatever the root is. Docker keeps them under {@code /run/docker/plugins}; Hangar, which may run
 * many roots and without root, keys them by a hash of the root's path.
 *
 * @param base the directory for one root: plugin runtime dirs and the runtime's state below it
 */
public record RuntimeDirs(Path base) {
  /** The size of {@code sockaddr_un.sun_path}: a socket path must be shorter. */
  static final int SUN_PATH_MAX = 108;

  public RuntimeDirs {
    Objects.requireNonNull(base, "base");
  }

  /**
   * The runtime dirs of {@code root}, created (mode 0700) if missing.
   *
   * <p>As root: {@code /run/hangar/<first 8 hex of sha256(root path)>}; otherwise
   * {@code $XDG_RUNTIME_DIR/hangar/<8hex>} when {@code XDG_RUNTIME_DIR} is set and exists, else
   * {@code /tmp/hangar-<uid>/<8hex>}. {@code /tmp/hangar-<uid>} is created 0700; one that is a
   * symbolic link, not a directory, or owned by someone else is refused (anyone can create names
   * in {@code /tmp}).
   *
   * @param root the Hangar root (made absolute and normalized before hashing)
   * @param asRoot whether this process runs as root
   * @param env the caller's environment (for {@code XDG_RUNTIME_DIR})
   * @throws HangarException IO_ERROR when a directory cannot be created or is refused
   */
  public static RuntimeDirs forRoot(Path root, boolean asRoot, Map<String, String> env) {
    return forRoot(root, asRoot, env, Path.of("/tmp"), HostIds.euid());
  }

  /** {@link #forRoot(Path, boolean, Map)} with the temp dir and uid given (for tests). */
  static RuntimeDirs forRoot(Path root, boolean asRoot, Map<String, String> env, Path tmp,
      long uid) {
    String key = hash(root.toAbsolutePath().normalize().toString());
    Path base;
    String xdg = env.getOrDefault("XDG_RUNTIME_DIR", "");
    if (asRoot) {
      base = Path.of("/run/hangar", key);
    } else if (!xdg.isEmpty() && Files.isDirectory(Path.of(xdg))) {
      base = Path.of(xdg, "hangar", key);
    } else {
      Path mine = tmp.resolve("hangar-" + uid);
      ensurePrivateDir(mine, uid);
      base = mine.resolve(key);
    }
    try {
      createPrivate(base.getParent());
      createPrivate(base);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR,
          "cannot create the runtime directory " + base + ": " + e.getMessage(), e);
    }
    return new RuntimeDirs(base);
  }

  /**
   * The runtime dir of one plugin: {@code base/<first 12 chars of id>}; bound at
   * {@code /run/docker/plugins} inside the plugin, so it holds the plugin's socket.
   */
  public Path pluginDir(String id) {
    if (id.isEmpty() || id.contains("/") || id.startsWith(".")) {
      throw new IllegalArgumentException("not a plugin id: \"" + id + "\"");
    }
    return base.resolve(id.length() <= 12 ? id : id.substring(0, 12));
  }

  /** The runtime's state directory: {@code base/runc}, passed as its {@code --root}. */
  public Path runtimeState() {
    return base.resolve("runc");
  }

  /**
   * Refuses a unix socket path that does not fit {@code sockaddr_un}.
   *
   * @throws HangarException PLUGIN_START_FAILED, naming the path and the limit, when the path is
   *     108 bytes or more
   */
  public static void checkSocketPath(Path socket) {
    int n = socket.toString().getBytes(StandardCharsets.UTF_8).length;
    if (n >= SUN_PATH_MAX) {
      throw new HangarException(ErrorCode.PLUGIN_START_FAILED, "socket path " + socket + " is "
          + n + " bytes: unix socket paths must be shorter than " + SUN_PATH_MAX + " bytes");
    }
  }

  private static void ensurePrivateDir(Path dir, long uid) {
    try {
      try {
        Files.createDirectory(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException e) {
        // checked below, whoever made it
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw refused(dir, "it is not a directory (or is a symbolic link)");
      }
      int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (owner != uid) {
        throw refused(dir, "it is owned by uid " + owner + ", not by uid " + uid);
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR,
          "cannot create the runtime directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static HangarException refused(Path dir, String why) {
    return new HangarException(ErrorCode.IO_ERROR, "refusing the runtime directory " + dir
        + ": " + why + " (remove it, or set XDG_RUNTIME_DIR)");
  }

  private static void createPrivate(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
