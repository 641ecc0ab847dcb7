package dev.hangar.managed.internal.pkg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds real tar archives for the importer's tests, with commons-compress. */
final class TarBuilder {
  static final String CONFIG = "{\"Description\":\"test\",\"Entrypoint\":[\"/bin/plugin\"]}";

  private record Item(TarArchiveEntry entry, byte[] data) {}

  private final List<Item> items = new ArrayList<>();

  /** {@code config.json} and {@code rootfs/}. */
  static TarBuilder minimal() {
    return new TarBuilder().file("config.json", CONFIG).dir("rootfs/");
  }

  TarBuilder dir(String name) {
    return dir(name, 0755);
  }

  TarBuilder dir(String name, int mode) {
    TarArchiveEntry e = entry(name, TarConstants.LF_DIR);
    e.setMode(040000 | mode);
    return add(e, new byte[0]);
  }

  TarBuilder file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  TarBuilder file(String name, byte[] content, int mode) {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
    e.setMode(0100000 | mode);
    e.setSize(content.length);
    return add(e, content);
  }

  TarBuilder symlink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    return add(e, new byte[0]);
  }

  TarBuilder hardLink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_LINK);
    e.setLinkName(target);
    return add(e, new byte[0]);
  }

  TarBuilder device(String name, byte type, int major, int minor) {
    TarArchiveEntry e = entry(name, type);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    return add(e, new byte[0]);
  }

  /** An entry with the given owner (numeric ids). */
  TarBuilder owned(String name, byte[] content, int mode, long uid, long gid) {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
    e.setMode(0100000 | mode);
    e.setSize(content.length);
    e.setUserId(uid);
    e.setGroupId(gid);
    return add(e, content);
  }

  /**
   * A GNU sparse file in the PAX 1.0 format (as GNU tar writes it): the header declares only the
   * bytes stored, {@code data} at offset 0, while the file expands to {@code realSize} bytes.
   */
  TarBuilder sparse(String name, byte[] data, long realSize) {
    String pax = record("GNU.sparse.major", "1") + record("GNU.sparse.minor", "0")
        + record("GNU.sparse.name", name) + record("GNU.sparse.realsize", "" + realSize);
    byte[] paxBytes = pax.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry header = entry("PaxHeaders/sparse", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
    header.setSize(paxBytes.length);
    add(header, paxBytes);
    // The map: 2 regions, data at 0, then a last 1-byte region ending at realSize.
    byte[] map = ("2\n0\n" + data.length + "\n" + (realSize - 1) + "\n1\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[512 + data.length + 1];
    System.arraycopy(map, 0, body, 0, map.length);
    System.arraycopy(data, 0, body, 512, data.length);
    return file("GNUSparseFile.0/" + name, body, 0644);
  }

  /** Sets the modification time of the last entry added. */
  TarBuilder at(FileTime mtime) {
    items.get(items.size() - 1).entry().setLastModifiedTime(mtime);
    return this;
  }

  private static String record(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int len = body.length() + 1;
    while (String.valueOf(len).length() + body.length() != len) {
      len++;
    }
    return len + body;
  }

  private static TarArchiveEntry entry(String name, byte type) {
    // preserveAbsolutePath: keep a leading "/" so the importer can be shown refusing it.
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setUserId(0);
    e.setGroupId(0);
    // Whole seconds: a finer time would make the writer add a PAX header to every entry.
    e.setLastModifiedTime(FileTime.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    return e;
  }

  private TarBuilder add(TarArchiveEntry e, byte[] data) {
    items.add(new Item(e, data));
    return this;
  }

  byte[] tar() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTo(out);
    return out.toByteArray();
  }

  byte[] gzip() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      writeTo(gz);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void writeTo(OutputStream out) {
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Item i : items) {
        t.putArchiveEntry(i.entry());
        t.write(i.data());
        t.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
