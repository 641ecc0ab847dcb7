package dev.hangar.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Tars a plugin package directory as {@code docker plugin create} sends it: entry names relative
 * to the directory ({@code config.json}, {@code rootfs/}, {@code rootfs/bin/goplugin}),
 * directories with a trailing slash, only the permission bits in the mode (the type is the
 * entry's), symlinks as symlinks, owner 0:0, in the order Go's {@code filepath.Walk} visits
 * them ({@link ManagedPackagesTest} compares them with what the CLI sends).
 */
final class PackageTars {
  private PackageTars() {}

  /**
   * Writes a tar (gzipped when {@code gzip}) of everything under {@code dir} to {@code tar}.
   *
   * @return {@code tar}
   */
  static Path write(Path dir, Path tar, boolean gzip) {
    List<Path> paths = new ArrayList<>();
    walk(dir, paths);
    try (OutputStream file = Files.newOutputStream(tar);
        OutputStream raw = gzip ? new GzipCompressorOutputStream(file) : file;
        TarArchiveOutputStream out = new TarArchiveOutputStream(raw)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path p : paths) {
        add(out, p, dir.relativize(p).toString());
      }
      out.finish();
      return tar;
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + tar, e);
    }
  }

  /** Go's filepath.Walk order: each directory's entries sorted by name, depth first. */
  private static void walk(Path dir, List<Path> into) {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
    for (Path c : children) {
      into.add(c);
      if (Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
        walk(c, into);
      }
    }
  }

  private static void add(TarArchiveOutputStream out, Path p, String name) throws IOException {
    TarArchiveEntry e;
    boolean regular = false;
    if (Files.isSymbolicLink(p)) {
      e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      e.setLinkName(Files.readSymbolicLink(p).toString());
      e.setMode(0777);
    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      e = new TarArchiveEntry(name + "/");
      e.setMode(mode(p));
    } else {
      e = new TarArchiveEntry(name);
      e.setMode(mode(p));
      e.setSize(Files.size(p));
      regular = true;
    }
    e.setIds(0, 0);
    out.putArchiveEntry(e);
    if (regular) {
      Files.copy(p, out);
    }
    out.closeArchiveEntry();
  }

  private static int mode(Path p) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    int mode = 0;
    for (PosixFilePermission perm : perms) {
      mode |= switch (perm) {
        case OWNER_READ -> 0400;
        case OWNER_WRITE -> 0200;
        case OWNER_EXECUTE -> 0100;
        case GROUP_READ -> 040;
        case GROUP_WRITE -> 020;
        case GROUP_EXECUTE -> 010;
        case OTHERS_READ -> 04;
        case OTHERS_WRITE -> 02;
        case OTHERS_EXECUTE -> 01;
      };
    }
    return mode;
  }
}
