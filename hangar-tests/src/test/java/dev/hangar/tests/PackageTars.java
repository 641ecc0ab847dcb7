package dev.hangar.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
 * directories with a trailing slash, permission bits kept, symlinks as symlinks, owner 0:0, in
 * sorted order.
 */
final class PackageTars {
  private PackageTars() {}

  /**
   * Writes a tar (gzipped when {@code gzip}) of everything under {@code dir} to {@code tar}.
   *
   * @return {@code tar}
   */
  static Path write(Path dir, Path tar, boolean gzip) {
    List<Path> paths;
    try (Stream<Path> s = Files.walk(dir)) {
      paths = s.filter(p -> !p.equals(dir)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
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

  private static void add(TarArchiveOutputStream out, Path p, String name) throws IOException {
    TarArchiveEntry e;
    boolean regular = false;
    if (Files.isSymbolicLink(p)) {
      e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      e.setLinkName(Files.readSymbolicLink(p).toString());
      e.setMode(0120777);
    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      e = new TarArchiveEntry(name + "/");
      e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode(p));
    } else {
      e = new TarArchiveEntry(name);
      e.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode(p));
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
