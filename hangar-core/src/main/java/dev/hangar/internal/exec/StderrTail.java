package dev.hangar.internal.exec;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The last lines a plugin wrote to stderr, for the detail of a failed call that wrote no
 * level-20 text: at most {@code maxLines} lines and {@code maxChars} chars (newlines between
 * lines not counted). A multi-line message counts as its lines; a line longer than
 * {@code maxChars} keeps its end, after {@code "..."}.
 *
 * <p>Thread-safe: the stderr reader adds while the caller may already read.
 */
public final class StderrTail implements Consumer<ExecMessage> {
  /** Lines kept when not told otherwise. */
  public static final int DEFAULT_LINES = 20;
  /** Chars kept when not told otherwise. */
  public static final int DEFAULT_CHARS = 4096;

  private final int maxLines;
  private final int maxChars;
  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private int chars;
  private boolean dropped;

  /** Keeps {@link #DEFAULT_LINES} lines and {@link #DEFAULT_CHARS} chars. */
  public StderrTail() {
    this(DEFAULT_LINES, DEFAULT_CHARS);
  }

  /**
   * @param maxLines the most lines kept, at least 1
   * @param maxChars the most chars kept, at least 16
   */
  public StderrTail(int maxLines, int maxChars) {
    if (maxLines < 1 || maxChars < 16) {
      throw new IllegalArgumentException("stderr tail: maxLines >= 1 and maxChars >= 16, not "
          + maxLines + " and " + maxChars);
    }
    this.maxLines = maxLines;
    this.maxChars = maxChars;
  }

  /** Adds the text of a message. */
  @Override
  public void accept(ExecMessage message) {
    add(message.text());
  }

  /** Adds a text, one line per {@code "\n"}-separated part. */
  public synchronized void add(String text) {
    int start = 0;
    while (true) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        addLine(text.substring(start));
        return;
      }
      addLine(text.substring(start, nl));
      start = nl + 1;
    }
  }

  private void addLine(String line) {
    if (line.length() > maxChars) {
      int from = line.length() - (maxChars - 3);
      if (Character.isLowSurrogate(line.charAt(from))) {
        from++; // do not cut a pair in two
      }
      line = "..." + line.substring(from);
      dropped = true;
    }
    lines.addLast(line);
    chars += line.length();
    while (lines.size() > maxLines || chars > maxChars) {
      chars -= lines.removeFirst().length();
      dropped = true;
    }
  }

  /** The kept lines joined with {@code "\n"}, empty when none. */
  public synchronized String text() {
    return String.join("\n", lines);
  }

  /** Whether lines or chars were dropped to stay within bounds. */
  public synchronized boolean truncated() {
    return dropped;
  }

  /** Whether the kept lines hold no char (nothing was added, or only empty lines). */
  public synchronized boolean isEmpty() {
    return chars == 0;
  }
}
