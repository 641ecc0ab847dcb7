package dev.hangar.managed.internal.logs;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Splits a byte stream into lines as moby's {@code logger.Copier} does: on {@code \n} only (a
 * {@code \r} before it stays in the line), a line reaching {@link #MAX} bytes without one is
 * handed on as a partial line of exactly {@code MAX} bytes, and so are the bytes left at EOF.
 * The pieces of one long line share the time of its first piece. Memory stays at {@code MAX}
 * bytes whatever the input. Not thread-safe.
 */
final class LineSplitter {
  /** moby's {@code defaultBufSize}. */
  static final int MAX = 16 * 1024;

  /** Receives one line (or partial line) of {@code len} bytes, valid only during the call. */
  interface Sink {
    void line(byte[] bytes, int len, boolean newline, Instant time);
  }

  private final Sink sink;
  private final Supplier<Instant> clock;
  private final byte[] line = new byte[MAX];
  private int len;
  private Instant partialTime;

  LineSplitter(Sink sink, Supplier<Instant> clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** Takes {@code b[off, off+n)}. */
  void feed(byte[] b, int off, int n) {
    int end = off + n;
    int i = off;
    while (i < end) {
      int room = MAX - len;
      int stop = Math.min(end, i + room);
      int nl = -1;
      for (int k = i; k < stop; k++) {
        if (b[k] == '\n') {
          nl = k;
          break;
        }
      }
      if (nl >= 0) {
        System.arraycopy(b, i, line, len, nl - i);
        len += nl - i;
        emit(true);
        i = nl + 1;
      } else {
        System.arraycopy(b, i, line, len, stop - i);
        len += stop - i;
        i = stop;
        if (len == MAX) {
          emit(false);
        }
      }
    }
  }

  /** The stream ended: hands on what is left as a partial line. */
  void finish() {
    if (len > 0) {
      emit(false);
    }
  }

  private void emit(boolean newline) {
    Instant time = partialTime != null ? partialTime : clock.get();
    partialTime = newline ? null : time;
    int n = len;
    len = 0;
    sink.line(line, n, newline, time);
  }
}
