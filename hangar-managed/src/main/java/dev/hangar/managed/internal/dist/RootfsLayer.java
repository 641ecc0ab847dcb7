package dev.hangar.managed.internal.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A plugin's rootfs as the one gzipped tar layer {@code docker plugin push} sends: names relative
 * to the rootfs (the rootfs itself {@code ./}, directories with a trailing {@code /}), numeric
 * owners only, permission bits, modification times of files in whole seconds (directories
 * and links get the epoch), symlinks, hard links (to
 * the first name of the inode). Deterministic (ADR 13): entries sorted by name byte order at
 * each level, no user or group names, no access or change times, POSIX (PAX) headers only for
 * what ustar cannot hold, and a gzip header without a time or name, so the same rootfs always
 * gives the same bytes and digest.
 */
final class RootfsLayer {
  private RootfsLayer() {}

  /** Writes the layer of {@code rootfs} to {@code out} (not closed). */
  static void write(Path rootfs, OutputStream out) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(out), 64 * 1024) {
      {
        def.setLevel(Deflater.DEFAULT_COMPRESSION);
      }
    };
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      Map<Object, String> inodes = new HashMap<>();
      entry(tar, rootfs, "./", attrs(rootfs), inodes);
      walk(tar, rootfs, "", inodes);
      tar.finish();
    }
  }

  private static void walk(TarArchiveOutputStream tar, Path dir, String prefix,
      Map<Object, String> inodes) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        names.add(p.getFileName().toString());
      }
    }
    names.sort(RootfsLayer::byteOrder);
    for (String n : names) {
      Path p = dir.resolve(n);
      PosixFileAttributes a = attrs(p);
      String name = prefix + n;
      if (a.isDirectory()) {
        entry(tar, p, name + "/", a, inodes);
        walk(tar, p, name + "/", inodes);
      } else {
        entry(tar, p, name, a, inodes);
      }
    }
  }

  private static void entry(TarArchiveOutputStream tar, Path p, String name,
      PosixFileAttributes a, Map<Object, String> inodes) throws IOException {
    TarArchiveEntry e;
    long size = 0;
    if (a.isSymbolicLink()) {
      e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      e.setLinkName(Files.readSymbolicLink(p).toString());
    } else if (a.isDirectory()) {
      e = new TarArchiveEntry(name, TarConstants.LF_DIR);
    } else if (a.isRegularFile()) {
      int links = (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
      String first = links > 1 && a.fileKey() != null ? inodes.putIfAbsent(a.fileKey(), name)
          : null;
      if (first != null) {
        e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(first);
      } else {
        e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        size = a.size();
        e.setSize(size);
      }
    } else {
      throw new IOException(p + ": neither a file, a directory nor a symlink");
    }
    int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    e.setMode(a.isSymbolicLink() ? 0777 : mode & 07777);
    e.setUserId((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    e.setGroupId((Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    e.setUserName("");
    e.setGroupName("");
    // A directory's time changes whenever an entry is made in it (the runtime makes mount points
    // in a rootfs), and a link's is when it was unpacked (imports keep no link times): neither
    // says anything of the image, so both get the epoch.
    e.setModTime(a.isDirectory() || a.isSymbolicLink() ? FileTime.fromMillis(0)
        : FileTime.fromMillis(a.lastModifiedTime().toMillis() / 1000 * 1000));
    tar.putArchiveEntry(e);
    if (size > 0) {
      try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
        long copied = in.transferTo(tar);
        if (copied != size) {
          throw new IOException(p + " changed while it was packed (" + copied + " bytes, "
              + size + " expected)");
        }
      }
    }
    tar.closeArchiveEntry();
  }

  private static PosixFileAttributes attrs(Path p) throws IOException {
    return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static int byteOrder(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Keeps {@code out} open when the gzip stream closes. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
