package dev.hangar.managed.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Crash-safe file operations: a file is replaced whole or not at all (temporary file, fsync,
 * rename, directory fsync), directories are made 0700 and files 0600.
 */
public final class AtomicFiles {
  /** What {@link #write}'s temporary files have in their names: {@code .<name>.tmp-<pid>-<tid>}. */
  private static final String TMP = ".tmp-";

  private AtomicFiles() {}

  /**
   * Deletes the temporary files {@link #write} left in {@code dir} when it was killed before its
   * rename. Only for a directory no live writer uses (its owner holds the root's lock).
   */
  public static void deleteTemporaries(Path dir) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*" + TMP + "*")) {
      for (Path p : ds) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Writes {@code bytes} to {@code file} atomically: a reader (or a restart after SIGKILL at any
   * point) sees the old content or the new, never a mix. The file is 0600.
   */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + file.getFileName() + TMP + ProcessHandle.current().pid()
        + "-" + Thread.currentThread().threadId());
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    rename(tmp, file);
  }

  /** Renames {@code from} to {@code to} atomically, replacing it, then fsyncs the directory. */
  public static void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + from + " to " + to + " atomically", e);
    }
    syncDir(to.toAbsolutePath().getParent());
  }

  /** fsyncs a directory, so that a rename or creation in it survives a power loss. */
  public static void syncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Creates {@code dir} (and its parents) with mode 0700 where it does not exist. */
  public static Path privateDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          throw e;
        }
      }
    }
    return dir;
  }

  /**
   * Deletes {@code path} and everything under it, never following symbolic links. What vanishes
   * meanwhile (another deleter) is not an error.
   */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      List<Path> all;
      try (Stream<Path> walk = Files.walk(path)) { // walk does not follow links by default
        all = walk.sorted(Comparator.reverseOrder()).toList();
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof NoSuchFileException) {
          deleteTree(path); // a part went while we walked: walk what is left
          return;
        }
        throw e.getCause();
      } catch (NoSuchFileException e) {
        return;
      }
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } else {
      Files.deleteIfExists(path);
    }
  }
}
