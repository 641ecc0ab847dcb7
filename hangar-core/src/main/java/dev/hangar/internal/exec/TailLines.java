package dev.hangar.internal.exec;

import java.util.ArrayDeque;

/**
 * The last lines of a stream, bounded in count and length, for the error of a failed call.
 * Thread-safe.
 */
final class TailLines {
  /** Lines kept. */
  static final int MAX_LINES = 20;
  /** Chars kept of one line. */
  static final int MAX_LINE_CHARS = 1000;

  private final ArrayDeque<String> lines = new ArrayDeque<>();

  synchronized void add(String line) {
    String printable = ExecLevels.printable(line);
    if (printable.length() > MAX_LINE_CHARS) {
      printable = printable.substring(0, MAX_LINE_CHARS) + "...";
    }
    if (lines.size() == MAX_LINES) {
      lines.removeFirst();
    }
    lines.addLast(printable);
  }

  /** The lines joined with {@code "\n"}, without trailing blank lines; empty if none. */
  synchronized String text() {
    return String.join("\n", lines).strip();
  }
}
