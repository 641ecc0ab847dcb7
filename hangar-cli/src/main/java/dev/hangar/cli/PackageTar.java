package dev.hangar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hangar.daemon.client.RequestBody;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A plugin directory ({@code config.json} and {@code rootfs/}) as the tar {@code docker plugin
 * create} sends: paths relative to the directory, in sorted order, with modes, numeric owners,
 * times, symlinks, hard links (as links to their first path), device nodes and FIFOs; sockets
 * are left out, as Docker's archiver does. Optionally gzipped ({@code --compress}).
 */
final class PackageTar {
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFIFO = 0010000;
  private static final String ATTRS = "unix:mode,uid,gid,ino,dev,nlink,rdev,lastModifiedTime";

  private PackageTar() {}

  /**
   * Checks that {@code dir} holds a {@code config.json} that is JSON, as Docker's CLI does
   * before sending anything.
   *
   * @throws HangarException PACKAGE_INVALID naming the file
   */
  static void check(Path dir) {
    Path config = dir.resolve("config.json");
    try {
      Json.MAPPER.readTree(Files.readAllBytes(config));
    } catch (NoSuchFileException e) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, "config not found: no config.json "
          + "in " + dir, e);
    } catch (JsonProcessingException e) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, config + " is not valid JSON: "
          + Json.problem(e), e);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot read " + config + ": "
          + e.getMessage(), e);
    }
  }

  /** The tar of {@code dir}, written while it is sent. */
  static RequestBody of(Path dir, boolean gzip) {
    return out -> {
      OutputStream target = gzip ? new GZIPOutputStream(new NoClose(out), 64 * 1024) : out;
      TarArchiveOutputStream tar = new TarArchiveOutputStream(new NoClose(target));
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      Map<String, String> links = new HashMap<>();
      List<Path> paths;
      try (Stream<Path> s = Files.walk(dir)) {
        paths = s.filter(p -> !p.equals(dir)).sorted().toList();
      }
      for (Path p : paths) {
        add(tar, dir, p, links);
      }
      tar.finish();
      tar.close();
      if (gzip) {
        target.close(); // finishes the gzip stream; NoClose keeps the connection open
      }
    };
  }

  private static void add(TarArchiveOutputStream tar, Path dir, Path p, Map<String, String> links)
      throws IOException {
    String name = dir.relativize(p).toString();
    Map<String, Object> a;
    try {
      a = Files.readAttributes(p, ATTRS, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new IOException(p + ": " + e.getMessage(), e);
    }
    int mode = (Integer) a.get("mode");
    int type = mode & S_IFMT;
    TarArchiveEntry e;
    boolean content = false;
    switch (type) {
      case S_IFDIR -> e = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
      case S_IFLNK -> {
        e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(Files.readSymbolicLink(p).toString());
      }
      case S_IFREG -> {
        String key = a.get("dev") + ":" + a.get("ino");
        String first = (Integer) a.get("nlink") > 1 ? links.putIfAbsent(key, name) : null;
        if (first != null) {
          e = new TarArchiveEntry(name, TarConstants.LF_LINK);
          e.setLinkName(first);
        } else {
          e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
          e.setSize(Files.size(p));
          content = true;
        }
      }
      case S_IFCHR, S_IFBLK -> {
        e = new TarArchiveEntry(name, type == S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
        long rdev = (Long) a.get("rdev");
        e.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
        e.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
      }
      case S_IFIFO -> e = new TarArchiveEntry(name, TarConstants.LF_FIFO);
      default -> {
        return; // a socket: not archived
      }
    }
    e.setMode(mode & 07777);
    e.setUserId((Integer) a.get("uid"));
    e.setGroupId((Integer) a.get("gid"));
    e.setModTime((FileTime) a.get("lastModifiedTime"));
    tar.putArchiveEntry(e);
    if (content) {
      try {
        Files.copy(p, tar);
      } catch (IOException x) {
        throw new IOException(p + ": " + x.getMessage(), x);
      }
    }
    tar.closeArchiveEntry();
  }

  /** Keeps {@code close()} from reaching the connection. */
  private static final class NoClose extends FilterOutputStream {
    NoClose(OutputStream out) {
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
