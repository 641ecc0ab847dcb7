package dev.hangar.managed.internal.logs;

import java.io.ByteArrayOutputStream;

/**
 * UTF-8 as Go reads and writes it, so that what Hangar logs matches what Docker logs byte for
 * byte: an invalid byte becomes one U+FFFD (Go's {@code utf8.DecodeRune} width 1, where the JDK's
 * decoder would replace a whole ill-formed sequence once).
 */
final class Utf8 {
  /** Go's utf8.RuneError. */
  static final int REPLACEMENT = 0xFFFD;

  private Utf8() {}

  /**
   * The width of the well-formed code point at {@code b[i]}, or 0 when the byte there starts no
   * well-formed sequence before {@code end} (Go's accept ranges: no overlongs, no surrogates,
   * nothing past U+10FFFF).
   */
  static int width(byte[] b, int i, int end) {
    int b0 = b[i] & 0xFF;
    if (b0 < 0x80) {
      return 1;
    }
    int n;
    int lo = 0x80;
    int hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      n = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      n = 3;
      lo = b0 == 0xE0 ? 0xA0 : 0x80;
      hi = b0 == 0xED ? 0x9F : 0xBF;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      n = 4;
      lo = b0 == 0xF0 ? 0x90 : 0x80;
      hi = b0 == 0xF4 ? 0x8F : 0xBF;
    } else {
      return 0;
    }
    if (i + n > end) {
      return 0;
    }
    int b1 = b[i + 1] & 0xFF;
    if (b1 < lo || b1 > hi) {
      return 0;
    }
    for (int k = 2; k < n; k++) {
      int bk = b[i + k] & 0xFF;
      if (bk < 0x80 || bk > 0xBF) {
        return 0;
      }
    }
    return n;
  }

  /** The code point of the well-formed sequence of {@code width} bytes at {@code b[i]}. */
  static int codePoint(byte[] b, int i, int width) {
    int b0 = b[i] & 0xFF;
    return switch (width) {
      case 1 -> b0;
      case 2 -> (b0 & 0x1F) << 6 | b[i + 1] & 0x3F;
      case 3 -> (b0 & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | b[i + 2] & 0x3F;
      default -> (b0 & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6
          | b[i + 3] & 0x3F;
    };
  }

  /** Decodes {@code b[off, off+len)}, each invalid byte becoming one U+FFFD. */
  static String decode(byte[] b, int off, int len) {
    StringBuilder s = new StringBuilder(len);
    int end = off + len;
    for (int i = off; i < end; ) {
      int w = width(b, i, end);
      if (w == 0) {
        s.append((char) REPLACEMENT);
        i++;
      } else {
        s.appendCodePoint(codePoint(b, i, w));
        i += w;
      }
    }
    return s.toString();
  }

  /** Encodes {@code s}, an unpaired surrogate becoming U+FFFD (Go strings cannot hold one). */
  static byte[] encode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        c = REPLACEMENT;
      }
      if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | c >> 6);
        out.write(0x80 | c & 0x3F);
      } else if (c < 0x10000) {
        out.write(0xE0 | c >> 12);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      } else {
        out.write(0xF0 | c >> 18);
        out.write(0x80 | c >> 12 & 0x3F);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      }
    }
    return out.toByteArray();
  }
}
