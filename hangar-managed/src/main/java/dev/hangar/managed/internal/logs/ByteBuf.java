package dev.hangar.managed.internal.logs;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte array, reused line after line by its one owner (not thread-safe). */
final class ByteBuf {
  private byte[] bytes;
  private int size;

  ByteBuf(int capacity) {
    bytes = new byte[capacity];
  }

  int size() {
    return size;
  }

  byte[] array() {
    return bytes;
  }

  void reset() {
    size = 0;
  }

  void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  /** Writes {@code s}, which must be ASCII. */
  void writeAscii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      bytes[size++] = (byte) s.charAt(i);
    }
  }

  /** The content, as a buffer over this array (valid until the next change). */
  ByteBuffer asBuffer() {
    return ByteBuffer.wrap(bytes, 0, size);
  }

  private void ensure(int more) {
    if (bytes.length - size < more) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
