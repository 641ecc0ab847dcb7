package dev.hangar.managed.internal.logs;

import dev.hangar.managed.LogLine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * Reads the entries of one log file as it grows: whole lines only, an unfinished last line kept
 * until its newline arrives (the writer may be in the middle of it). Lines that are not entries
 * (a write cut short by a crash) are skipped. Memory is bounded: a "line" longer than
 * {@link #MAX_LINE} is skipped up to its newline. Not thread-safe.
 */
final class FileLines {
  /** Far over the longest entry Hangar writes (16 KiB of text, each byte escaped to 6). */
  static final int MAX_LINE = 1 << 20;

  /** Receives entries; returns false to stop reading. */
  interface Consumer {
    boolean accept(LogLine line);
  }

  private final LogFiles.Open file;
  private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
  private final ByteBuf partial = new ByteBuf(256);
  private long position;
  private boolean skipping;

  FileLines(LogFiles.Open file) {
    this.file = file;
  }

  LogFiles.Open file() {
    return file;
  }

  /**
   * Reads what the file holds past what was read before, handing each entry to {@code to}.
   *
   * @return how many bytes were read, or -1 if {@code to} asked to stop
   * @throws IOException if the file cannot be read
   */
  long readNew(Consumer to) throws IOException {
    FileChannel ch = file.channel();
    long start = position;
    while (true) {
      chunk.clear();
      int n = ch.read(chunk, position);
      if (n <= 0) {
        return position - start;
      }
      position += n;
      byte[] b = chunk.array();
      int lineStart = 0;
      for (int i = 0; i < n; i++) {
        if (b[i] != '\n') {
          continue;
        }
        if (!deliver(b, lineStart, i, to)) {
          return -1;
        }
        lineStart = i + 1;
      }
      keep(b, lineStart, n);
    }
  }

  private boolean deliver(byte[] b, int from, int to, Consumer c) {
    Optional<LogLine> line;
    if (skipping) {
      skipping = false;
      line = Optional.empty();
    } else if (partial.size() > 0) {
      partial.write(b, from, to - from);
      line = JsonLines.decode(partial.array(), 0, partial.size());
    } else {
      line = JsonLines.decode(b, from, to - from);
    }
    partial.reset();
    return line.isEmpty() || c.accept(line.get());
  }

  private void keep(byte[] b, int from, int to) {
    if (skipping || from == to) {
      return;
    }
    if (partial.size() + (to - from) > MAX_LINE) {
      partial.reset();
      skipping = true;
      return;
    }
    partial.write(b, from, to - from);
  }
}
