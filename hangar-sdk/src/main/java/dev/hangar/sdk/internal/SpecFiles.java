package dev.hangar.sdk.internal;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/** Writes {@code <dir>/<name>.spec} files atomically: temp file, fsync, rename, fsync dir. */
public final class SpecFiles {
  /** Plugin names a spec file may carry. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private SpecFiles() {}

  /**
   * Writes {@code url} (no trailing newline, as Docker's SDK) to {@code <dir>/<name>.spec},
   * replacing an existing file atomically; creates {@code dir} if missing.
   *
   * @return the spec file
   * @throws HangarException {@code INVALID_PLUGIN_NAME} for a bad name, {@code IO_ERROR} when the
   *     file cannot be written
   */
  public static Path write(Path dir, String name, String url) {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      throw new HangarException(ErrorCode.INVALID_PLUGIN_NAME, "invalid plugin name '" + name
          + "': use 1 to 128 characters of [A-Za-z0-9_.-], starting with a letter or digit,"
          + " without '..'");
    }
    Path spec = dir.resolve(name + ".spec");
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + name + ".spec.", ".tmp");
      // Not secret, and readable by a daemon or CLI of another user, as Docker's SDK writes it.
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(url.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, spec, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, spec, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      syncDirectory(dir);
      return spec;
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot write spec file " + spec + ": " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // Best effort: the temp file has a hidden name and is never read.
        }
      }
    }
  }

  /**
   * Deletes {@code spec} if it still holds {@code url} (another server may have taken the name
   * since). Never throws.
   */
  public static void remove(Path spec, String url) {
    try {
      String now = Files.readString(spec, StandardCharsets.UTF_8);
      if (now.strip().equals(url)) {
        Files.deleteIfExists(spec);
      }
    } catch (IOException e) {
      // Gone or unreadable: nothing of ours to remove.
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename is still atomic.
    }
  }
}
