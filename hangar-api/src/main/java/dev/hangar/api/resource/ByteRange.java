package dev.hangar.api.resource;

/**
 * A byte range of a resource, as in HTTP's {@code Range: bytes=start-end}.
 *
 * @param start the first byte, from 0
 * @param end the last byte, inclusive, or -1 for "to the end"
 * @since 0.1
 */
public record ByteRange(long start, long end) {
  /**
   * Checks the bounds.
   *
   * @throws IllegalArgumentException when start is negative, or end is neither -1 nor at least
   *     start
   */
  public ByteRange {
    if (start < 0 || (end != -1 && end < start)) {
      throw new IllegalArgumentException("bad byte range " + start + "-" + end);
    }
  }

  /** From {@code start} to the end. */
  public static ByteRange from(long start) {
    return new ByteRange(start, -1);
  }

  /** The number of bytes, or -1 when the range is open-ended. */
  public long length() {
    return end == -1 ? -1 : end - start + 1;
  }

  /** The HTTP form, e.g. {@code bytes=0-99} or {@code bytes=100-}. */
  public String toHeader() {
    return "bytes=" + start + "-" + (end == -1 ? "" : Long.toString(end));
  }
}
