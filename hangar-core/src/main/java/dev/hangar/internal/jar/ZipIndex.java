package dev.hangar.internal.jar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A ZIP archive (a JAR) held in memory as its compressed bytes, with an index of its central
 * directory: an entry is inflated, and its CRC checked, only when it is read. Stored and deflated
 * entries are supported, and ZIP64 archives; encrypted entries are refused when read. Entry names
 * are UTF-8. Directory entries are skipped; of two entries with one name, the first counts. An
 * entry is at most {@link #MAX_ENTRY} bytes uncompressed, and may not declare more than deflate
 * can expand its compressed bytes to: its buffer is allocated from the declared size.
 */
final class ZipIndex {
  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_EOCD = 0x06064b50;
  private static final int CEN = 0x02014b50;
  private static final int LOC = 0x04034b50;
  private static final int STORED = 0;
  private static final int DEFLATED = 8;
  /** Inflaters kept for reuse (each holds native memory); a few suffice. */
  private static final ConcurrentLinkedQueue<Inflater> INFLATERS = new ConcurrentLinkedQueue<>();
  private static final int MAX_POOLED = 8;
  /** The largest entry read (a class or a resource of a plugin): 256 MiB. */
  static final long MAX_ENTRY = 256L << 20;
  /**
   * Deflate cannot expand more than about 1032 to 1; a declared size beyond that (with room for
   * small entries) is a lie, and is refused before its buffer is allocated.
   */
  private static final long MAX_RATIO = 1100;

  private final byte[] zip;
  /** Entry name -> offset of its central directory record in {@link #zip}. */
  private final Map<String, Integer> entries;

  private ZipIndex(byte[] zip, Map<String, Integer> entries) {
    this.zip = zip;
    this.entries = entries;
  }

  /**
   * Indexes the archive in {@code zip} (kept, not copied).
   *
   * @throws ZipException when it is not a ZIP archive or its directory is damaged
   */
  static ZipIndex of(byte[] zip) throws ZipException {
    int eocd = findEocd(zip);
    long count = u16(zip, eocd + 10);
    long cenSize = u32(zip, eocd + 12);
    long cenOffset = u32(zip, eocd + 16);
    if (eocd >= 20 && i32(zip, eocd - 20) == ZIP64_LOCATOR) {
      long z = u64(zip, eocd - 20 + 8);
      if (z < 0 || z > zip.length - 56 || i32(zip, (int) z) != ZIP64_EOCD) {
        throw new ZipException("damaged ZIP64 end of central directory");
      }
      count = u64(zip, (int) z + 32);
      cenSize = u64(zip, (int) z + 40);
      cenOffset = u64(zip, (int) z + 48);
    }
    // ZIP64 fields are unsigned 64-bit: a value past Long.MAX_VALUE reads as negative here, and
    // offset + size could overflow
    if (cenOffset < 0 || cenSize < 0 || count < 0 || cenSize > zip.length
        || cenOffset > zip.length - cenSize || count > cenSize / 46) {
      throw new ZipException("damaged central directory (offset " + cenOffset + ", size " + cenSize
          + ", " + count + " entries, file " + zip.length + " bytes)");
    }
    Map<String, Integer> entries = HashMap.newHashMap((int) count);
    int p = (int) cenOffset;
    for (long i = 0; i < count; i++) {
      if (p + 46 > zip.length || i32(zip, p) != CEN) {
        throw new ZipException("damaged central directory entry " + i);
      }
      int nameLen = u16(zip, p + 28);
      int next = p + 46 + nameLen + u16(zip, p + 30) + u16(zip, p + 32);
      if (next > zip.length) {
        throw new ZipException("damaged central directory entry " + i);
      }
      String name = new String(zip, p + 46, nameLen, StandardCharsets.UTF_8);
      if (!name.endsWith("/")) {
        entries.putIfAbsent(name, p);
      }
      p = next;
    }
    return new ZipIndex(zip, entries);
  }

  private static int findEocd(byte[] zip) throws ZipException {
    int min = Math.max(0, zip.length - 22 - 0xFFFF);
    for (int p = zip.length - 22; p >= min; p--) {
      if (i32(zip, p) == EOCD && p + 22 + u16(zip, p + 20) == zip.length) {
        return p;
      }
    }
    throw new ZipException("no end of central directory record (not a ZIP archive)");
  }

  /** Whether the archive has a file entry {@code name}. */
  boolean contains(String name) {
    return entries.containsKey(name);
  }

  /** The names of the file entries, in no particular order. */
  List<String> names() {
    return new ArrayList<>(entries.keySet());
  }

  /** How many bytes the archive holds in memory. */
  int size() {
    return zip.length;
  }

  /**
   * The content of entry {@code name}, inflated; null when there is none.
   *
   * @throws ZipException when the entry is damaged, encrypted or compressed otherwise than
   *     stored or deflated
   */
  byte[] read(String name) throws ZipException {
    Integer cen = entries.get(name);
    if (cen == null) {
      return null;
    }
    int c = cen;
    int flags = u16(zip, c + 8);
    int method = u16(zip, c + 10);
    long crc = u32(zip, c + 16);
    long csize = u32(zip, c + 20);
    long size = u32(zip, c + 24);
    long loc = u32(zip, c + 42);
    if (csize == 0xFFFFFFFFL || size == 0xFFFFFFFFL || loc == 0xFFFFFFFFL) {
      long[] z = zip64Sizes(c, size, csize, loc);
      size = z[0];
      csize = z[1];
      loc = z[2];
    }
    if ((flags & 1) != 0) {
      throw new ZipException(name + " is encrypted");
    }
    if (loc < 0 || loc + 30 > zip.length || i32(zip, (int) loc) != LOC) {
      throw new ZipException(name + ": damaged local header");
    }
    long data = loc + 30 + u16(zip, (int) loc + 26) + u16(zip, (int) loc + 28);
    if (size < 0 || csize < 0 || data + csize > zip.length || size > Integer.MAX_VALUE - 16) {
      throw new ZipException(name + ": entry beyond the end of the archive");
    }
    if (size > MAX_ENTRY) {
      throw new ZipException(name + ": " + size + " bytes uncompressed, more than the "
          + (MAX_ENTRY >> 20) + " MiB an entry may have");
    }
    if (method == DEFLATED && size > csize * MAX_RATIO + 1024) {
      throw new ZipException(name + ": declares " + size + " bytes from " + csize
          + " compressed, more than deflate can expand to (damaged, or a ZIP bomb)");
    }
    byte[] out = new byte[(int) size];
    if (method == STORED) {
      if (csize != size) {
        throw new ZipException(name + ": stored entry with differing sizes");
      }
      System.arraycopy(zip, (int) data, out, 0, (int) size);
    } else if (method == DEFLATED) {
      inflate(name, (int) data, (int) csize, out);
    } else {
      throw new ZipException(name + ": unsupported compression method " + method);
    }
    CRC32 check = new CRC32();
    check.update(out);
    if (check.getValue() != crc) {
      throw new ZipException(name + ": CRC mismatch (damaged entry)");
    }
    return out;
  }

  private void inflate(String name, int off, int len, byte[] out) throws ZipException {
    Inflater inf = INFLATERS.poll();
    if (inf == null) {
      inf = new Inflater(true);
    }
    boolean reusable = false;
    try {
      inf.setInput(zip, off, len);
      int n = 0;
      while (n < out.length && !inf.finished()) {
        int k = inf.inflate(out, n, out.length - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (n != out.length) {
        throw new ZipException(name + ": inflated to " + n + " bytes, " + out.length + " expected");
      }
      reusable = true;
    } catch (DataFormatException e) {
      throw new ZipException(name + ": " + e.getMessage());
    } finally {
      if (reusable && INFLATERS.size() < MAX_POOLED) {
        inf.reset();
        INFLATERS.offer(inf);
      } else {
        inf.end();
      }
    }
  }

  /** Size, compressed size and local header offset from the entry's ZIP64 extra field. */
  private long[] zip64Sizes(int c, long size, long csize, long loc) throws ZipException {
    int p = c + 46 + u16(zip, c + 28);
    int end = p + u16(zip, c + 30);
    while (p + 4 <= end) {
      int id = u16(zip, p);
      int len = u16(zip, p + 2);
      if (id == 0x0001) {
        // only the fields whose 32-bit value is 0xFFFFFFFF are there, in this order
        int q = p + 4;
        int fieldEnd = Math.min(q + len, end);
        if (size == 0xFFFFFFFFL) {
          size = zip64Field(q, fieldEnd);
          q += 8;
        }
        if (csize == 0xFFFFFFFFL) {
          csize = zip64Field(q, fieldEnd);
          q += 8;
        }
        if (loc == 0xFFFFFFFFL) {
          loc = zip64Field(q, fieldEnd);
        }
        return new long[] {size, csize, loc};
      }
      p += 4 + len;
    }
    throw new ZipException("ZIP64 entry without its extra field");
  }

  private long zip64Field(int q, int fieldEnd) throws ZipException {
    if (q + 8 > fieldEnd) {
      throw new ZipException("ZIP64 extra field too short");
    }
    return u64(zip, q);
  }

  private static int u16(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
  }

  private static int i32(byte[] b, int p) {
    return u16(b, p) | u16(b, p + 2) << 16;
  }

  private static long u32(byte[] b, int p) {
    return i32(b, p) & 0xFFFFFFFFL;
  }

  private static long u64(byte[] b, int p) {
    return u32(b, p) | u32(b, p + 4) << 32;
  }
}
