package dev.hangar.managed.internal.pkg;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Deletes a staging tree. */
final class Trees {
  private Trees() {}

  /**
   * Deletes {@code p} and everything under it, never following a link. Directories are made
   * {@code 0700} first, so read-only directories from a package do not stop it as non-root.
   * Children are listed before they are deleted, so at most one directory is open at a time
   * however deep the tree.
   */
  static void deleteRecursively(Path p) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (a.isDirectory() && !a.isSymbolicLink()) {
      // Follows links, but p is a real directory and nobody else writes in staging (0700).
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
        ds.forEach(children::add);
      }
      for (Path c : children) {
        deleteRecursively(c);
      }
    }
    Files.delete(p);
  }
}
