package dev.hangar.testkit;

import java.io.InputStream;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * A deterministic stream of any length, generated on the fly and never held in memory: for
 * request and reply bodies far larger than a test's heap. Both sides of a test can produce the
 * same bytes, or compare {@link #crc32(long)} with a checksum of what they received.
 *
 * @since 0.1
 */
public final class PatternStream extends InputStream {
  private static final int BLOCK = 1 << 16;
  private static final byte[] TABLE = table();

  private final long length;
  private long pos;

  /** A stream of {@code length} pattern bytes. */
  public PatternStream(long length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length: " + length);
    }
    this.length = length;
  }

  private static byte[] table() {
    // Twice the block, so that any block's rotation is one contiguous slice.
    byte[] half = new byte[BLOCK];
    new Random(42).nextBytes(half);
    byte[] t = new byte[2 * BLOCK];
    System.arraycopy(half, 0, t, 0, BLOCK);
    System.arraycopy(half, 0, t, BLOCK, BLOCK);
    return t;
  }

  /** The byte at {@code index} of every pattern stream. */
  public static byte at(long index) {
    long block = index / BLOCK;
    int rotation = (int) ((block * 7919) % BLOCK);
    return TABLE[rotation + (int) (index % BLOCK)];
  }

  /** The CRC-32 of the first {@code length} pattern bytes (computed, not stored). */
  public static long crc32(long length) {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[BLOCK];
    try (PatternStream s = new PatternStream(length)) {
      int n;
      while ((n = s.read(buf, 0, buf.length)) > 0) {
        crc.update(buf, 0, n);
      }
    }
    return crc.getValue();
  }

  @Override
  public int read() {
    if (pos >= length) {
      return -1;
    }
    return at(pos++) & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (pos >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - pos);
    int done = 0;
    while (done < n) {
      long block = pos / BLOCK;
      int inBlock = (int) (pos % BLOCK);
      int rotation = (int) ((block * 7919) % BLOCK);
      int k = Math.min(n - done, BLOCK - inBlock);
      System.arraycopy(TABLE, rotation + inBlock, b, off + done, k);
      done += k;
      pos += k;
    }
    return n;
  }

  @Override
  public long skip(long n) {
    long k = Math.max(0, Math.min(n, length - pos));
    pos += k;
    return k;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, length - pos);
  }

  @Override
  public void close() {
    // nothing held
  }
}
