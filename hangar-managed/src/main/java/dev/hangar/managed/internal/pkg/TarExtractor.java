package dev.hangar.managed.internal.pkg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a package from a tar stream, plain or gzipped (told apart by the gzip magic bytes),
 * as {@code docker plugin create} sends it: {@code config.json} and {@code rootfs/} at the top,
 * names possibly starting with {@code ./}. Other top-level entries are skipped. The archive is
 * streamed: only {@code config.json} is held in memory.
 *
 * <p>Refused: names with {@code ..}, absolute names, names with NUL; devices, FIFOs and other
 * special entries (Docker would create FIFOs; a plugin has no use for one in its image and it
 * can block whoever opens it); hard links to anything but a regular file extracted before them;
 * anything {@link RootfsWriter} and {@link SymlinkCheck} refuse. A stream that ends inside a
 * 512-byte block, or has more than 1 MiB after the end of the archive, is truncated or corrupt.
 */
final class TarExtractor {
  static final String CONFIG = "config.json";
  static final String ROOTFS = "rootfs";
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int TAR_BLOCK = 512;
  // Reads of the layer or package: the default 8 KiB costs a read call (and, for a layer read
  // while it downloads, a wait on the download) per 8 KiB; 256 KiB is one write of the client.
  private static final int READ_BUFFER = 256 * 1024;
  private static final long MAX_TRAILING_BYTES = 1 << 20;

  private TarExtractor() {}

  /**
   * Extracts {@code raw} into {@code staging} (which exists and is empty): staging/rootfs/ and
   * staging/config.json. Does not close {@code raw}.
   *
   * @return the bytes of config.json
   * @throws dev.hangar.protocol.HangarException PACKAGE_INVALID naming the tar entry, IO_ERROR
   *     if staging cannot be written
   */
  static byte[] extract(InputStream raw, Path staging, ImportRules rules) {
    try (PackageStreams.Counting counted = new PackageStreams.Counting(decompress(raw));
        TarArchiveInputStream tar =
            new TarArchiveInputStream(counted, StandardCharsets.UTF_8.name())) {
      Budget budget = new Budget(rules);
      RootfsWriter rootfs = new RootfsWriter(staging.resolve(ROOTFS), budget, rules);
      byte[] config = null;
      String last = "the start of the tar";
      TarArchiveEntry e;
      while ((e = next(tar, last)) != null) {
        String where = "tar entry " + PackageErrors.quote(e.getName());
        budget.entry(where);
        EntryPath path = EntryPath.parse(e.getName(), rules.maxPathBytes(), where, "path");
        if (!path.isRoot() && path.first().equals(CONFIG)) {
          if (config != null) {
            throw PackageErrors.invalid(where, "the package has two config.json");
          }
          config = readConfig(tar, e, path, where, rules);
        } else if (!path.isRoot() && path.first().equals(ROOTFS)) {
          write(rootfs, tar, e, path.rest(), where, rules);
        }
        last = where;
      }
      checkEnd(counted, last);
      if (!rootfs.started()) {
        throw PackageErrors.invalid("tar", "no rootfs found (no rootfs/ directory at the top)");
      }
      rootfs.finish();
      if (config == null) {
        throw PackageErrors.invalid("tar", "config not found (no config.json at the top)");
      }
      ConfigFile.write(staging, config);
      return config;
    } catch (IOException e) {
      throw PackageErrors.corrupt("tar", e); // closing the streams
    }
  }

  static InputStream decompress(InputStream raw) {
    BufferedInputStream in = new BufferedInputStream(PackageStreams.nonClosing(raw), READ_BUFFER);
    try {
      in.mark(2);
      int m1 = in.read();
      int m2 = in.read();
      in.reset();
      if (m1 != GZIP_MAGIC_1 || m2 != GZIP_MAGIC_2) {
        return in;
      }
      return GzipCompressorInputStream.builder().setInputStream(in)
          .setDecompressConcatenated(true).get();
    } catch (IOException e) {
      throw PackageErrors.corrupt("the start of the package", e);
    }
  }

  static TarArchiveEntry next(TarArchiveInputStream tar, String last) {
    try {
      return tar.getNextEntry();
    } catch (IOException | RuntimeException e) {
      throw PackageErrors.corrupt("after " + last,
          e instanceof IOException io ? io : new IOException(e.toString(), e));
    }
  }

  private static byte[] readConfig(TarArchiveInputStream tar, TarArchiveEntry e, EntryPath path,
      String where, ImportRules rules) {
    if (!path.rest().isRoot() || !isRegular(e)) {
      throw PackageErrors.invalid(where, "config.json is not a regular file");
    }
    int max = rules.maxConfigBytes();
    byte[] b = e.getSize() > max ? null
        : readNBytes(PackageStreams.guarded(tar, x -> PackageErrors.corrupt(where, x)), max + 1);
    if (b == null || b.length > max) {
      throw PackageErrors.invalid(where, "config.json is larger than " + max + " bytes");
    }
    return b;
  }

  private static void write(RootfsWriter rootfs, TarArchiveInputStream tar, TarArchiveEntry e,
      EntryPath rel, String where, ImportRules rules) {
    if (rel.isRoot() && !e.isDirectory()) {
      throw PackageErrors.invalid(where, "rootfs must be a directory");
    }
    EntryMeta meta = EntryMeta.of(e.getMode(), e.getLongUserId(), e.getLongGroupId(),
        e.getLastModifiedTime(), where);
    if (e.isDirectory()) {
      rootfs.directory(rel, meta, where);
    } else if (e.isSymbolicLink()) {
      rootfs.symlink(rel, e.getLinkName(), meta, where);
    } else if (e.isLink()) {
      String what = "hard link target " + PackageErrors.quote(e.getLinkName());
      EntryPath target = EntryPath.parse(e.getLinkName(), rules.maxPathBytes(), where, what);
      if (target.isRoot() || !target.first().equals(ROOTFS)) {
        throw PackageErrors.invalid(where, what + " is not inside rootfs/");
      }
      rootfs.hardLink(rel, target.rest(), where);
    } else if (e.isCharacterDevice() || e.isBlockDevice()) {
      throw PackageErrors.invalid(where, "device node (" + (e.isBlockDevice() ? "block" : "char")
          + " " + e.getDevMajor() + ":" + e.getDevMinor() + ") not allowed");
    } else if (e.isFIFO()) {
      throw PackageErrors.invalid(where, "FIFO not allowed");
    } else if (isRegular(e)) {
      rootfs.file(rel, PackageStreams.guarded(tar, x -> PackageErrors.corrupt(where, x)),
          e.getSize(), meta, where);
    } else {
      throw PackageErrors.invalid(where, "entry type '" + (char) e.getLinkFlag()
          + "' not allowed");
    }
  }

  static boolean isRegular(TarArchiveEntry e) {
    byte f = e.getLinkFlag();
    return !e.isDirectory() && (f == TarConstants.LF_NORMAL || f == TarConstants.LF_OLDNORM
        || f == TarConstants.LF_CONTIG || f == TarConstants.LF_GNUTYPE_SPARSE);
  }

  /** Drains what follows the archive (so gzip checks its trailer), then checks the length. */
  static void checkEnd(PackageStreams.Counting counted, String last) {
    PackageStreams.Guarded in =
        PackageStreams.guarded(counted, x -> PackageErrors.corrupt("after " + last, x));
    byte[] buf = new byte[8192];
    long trailing = 0;
    int n;
    while ((n = in.read(buf, 0, buf.length)) >= 0) {
      trailing += n;
      if (trailing > MAX_TRAILING_BYTES) {
        throw PackageErrors.invalid("after " + last, "more than " + MAX_TRAILING_BYTES
            + " bytes after the end of the tar archive");
      }
    }
    if (counted.count() % TAR_BLOCK != 0) {
      throw PackageErrors.invalid("after " + last, "truncated tar archive (it ends inside a "
          + TAR_BLOCK + "-byte block)");
    }
  }

  private static byte[] readNBytes(InputStream in, int n) {
    try {
      return in.readNBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("guarded streams do not throw IOException", e);
    }
  }
}
