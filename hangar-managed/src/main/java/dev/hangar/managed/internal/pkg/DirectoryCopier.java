package dev.hangar.managed.internal.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Copies a package directory ({@code config.json} and {@code rootfs/}) with the same rules as
 * {@link TarExtractor}: links are copied as links and checked, never followed (a
 * {@code config.json} or {@code rootfs} that is a link is refused too); devices, FIFOs and
 * sockets are refused; the size and entry limits apply. Hard links are copied as separate files
 * (and counted each time). Other top-level entries are not read.
 */
final class DirectoryCopier {
  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFIFO = 0010000;
  private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime";

  private DirectoryCopier() {}

  /**
   * Copies {@code src} into {@code staging} (which exists and is empty).
   *
   * @return the bytes of config.json
   * @throws dev.hangar.protocol.HangarException PACKAGE_INVALID naming the file, IO_ERROR if a
   *     file cannot be read or staging written
   */
  static byte[] copy(Path src, Path staging, ImportRules rules) {
    byte[] config = readConfig(src.resolve(TarExtractor.CONFIG), rules);
    Path rootfsDir = src.resolve(TarExtractor.ROOTFS);
    Map<String, Object> a = lstat(rootfsDir, where(rootfsDir));
    if (a == null || type(a) != S_IFDIR) {
      throw PackageErrors.invalid(where(rootfsDir), "no rootfs found (not a directory)");
    }
    Budget budget = new Budget(rules);
    RootfsWriter rootfs = new RootfsWriter(staging.resolve(TarExtractor.ROOTFS), budget, rules);
    try {
      Files.walkFileTree(rootfsDir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
            throws IOException {
          visit(rootfsDir, dir, rootfs, budget, rules);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
            throws IOException {
          visit(rootfsDir, file, rootfs, budget, rules);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw PackageErrors.io("directory " + PackageErrors.quote(rootfsDir.toString()), e);
    }
    rootfs.finish();
    ConfigFile.write(staging, config);
    return config;
  }

  private static void visit(Path rootfsDir, Path p, RootfsWriter rootfs, Budget budget,
      ImportRules rules) throws IOException {
    String where = where(p);
    budget.entry(where);
    EntryPath rel = EntryPath.parse(rootfsDir.relativize(p).toString(), rules.maxPathBytes(),
        where, "path");
    Map<String, Object> a = lstat(p, where);
    if (a == null) {
      throw new NoSuchFileException(p.toString());
    }
    EntryMeta meta = EntryMeta.of((Integer) a.get("mode"),
        Integer.toUnsignedLong((Integer) a.get("uid")),
        Integer.toUnsignedLong((Integer) a.get("gid")), (FileTime) a.get("lastModifiedTime"),
        where);
    switch (type(a)) {
      case S_IFDIR -> rootfs.directory(rel, meta, where);
      case S_IFREG -> {
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
          rootfs.file(rel, PackageStreams.guarded(in, e -> PackageErrors.io(where, e)),
              (Long) a.get("size"), meta, where);
        }
      }
      case S_IFLNK -> rootfs.symlink(rel, Files.readSymbolicLink(p).toString(), meta, where);
      case S_IFCHR, S_IFBLK -> throw PackageErrors.invalid(where, "device node not allowed");
      case S_IFIFO -> throw PackageErrors.invalid(where, "FIFO not allowed");
      default -> throw PackageErrors.invalid(where, "socket or other special file not allowed");
    }
  }

  private static byte[] readConfig(Path file, ImportRules rules) {
    String where = where(file);
    Map<String, Object> a = lstat(file, where);
    if (a == null) {
      throw PackageErrors.invalid(where, "config not found");
    }
    if (type(a) != S_IFREG) {
      throw PackageErrors.invalid(where, "config.json is not a regular file");
    }
    int max = rules.maxConfigBytes();
    byte[] b = null;
    if ((Long) a.get("size") <= max) {
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        b = in.readNBytes(max + 1);
      } catch (IOException e) {
        throw PackageErrors.io(where, e);
      }
    }
    if (b == null || b.length > max) {
      throw PackageErrors.invalid(where, "config.json is larger than " + max + " bytes");
    }
    return b;
  }

  private static Map<String, Object> lstat(Path p, String where) {
    try {
      return Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw PackageErrors.io(where, e);
    }
  }

  private static int type(Map<String, Object> a) {
    return (Integer) a.get("mode") & S_IFMT;
  }

  private static String where(Path p) {
    return "file " + PackageErrors.quote(p.toString());
  }
}
