package dev.hangar.managed.internal.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines a plugin wrote (stdout and stderr together), for error messages such as a
 * failed start's. Thread-safe; bounded: {@code maxLines} lines of at most {@link #MAX_LINE}
 * characters each (a longer one keeps its end).
 */
public final class OutputTail {
  /** The longest line kept, in chars (the 16 KiB a pumped line can be). */
  static final int MAX_LINE = 16 * 1024;
  /** About how long {@link #describe} may be, in chars. */
  static final int MAX_DESCRIBE = 2048;
  private static final String PREFIX = "; last output: ";
  private static final String SEPARATOR = " | ";
  private static final String CUT = "...";

  private final int maxLines;
  private final ArrayDeque<String> lines = new ArrayDeque<>();

  /**
   * @param maxLines how many lines to keep (0 keeps none)
   * @throws IllegalArgumentException if negative
   */
  public OutputTail(int maxLines) {
    if (maxLines < 0) {
      throw new IllegalArgumentException("maxLines must not be negative: " + maxLines);
    }
    this.maxLines = maxLines;
  }

  /**
   * Keeps {@code line}, dropping the oldest past {@code maxLines}.
   *
   * @param stream {@code stdout} or {@code stderr} (both share the tail, in arrival order)
   */
  public synchronized void add(String stream, String line) {
    if (maxLines == 0) {
      return;
    }
    if (lines.size() == maxLines) {
      lines.removeFirst();
    }
    lines.addLast(line.length() > MAX_LINE ? line.substring(line.length() - MAX_LINE) : line);
  }

  /** The lines kept, oldest first. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * {@code ""} when empty, else {@code "; last output: <line> | <line> ..."}: the newest lines
   * that fit in about 2 KiB, oldest first; when even the newest does not fit, its end, after
   * {@code "..."}.
   */
  public synchronized String describe() {
    if (lines.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    int used = 0;
    for (var it = lines.descendingIterator(); it.hasNext(); ) {
      String l = it.next();
      int cost = l.length() + (kept.isEmpty() ? 0 : SEPARATOR.length());
      if (used + cost > MAX_DESCRIBE) {
        if (kept.isEmpty()) {
          kept.add(CUT + l.substring(l.length() - (MAX_DESCRIBE - CUT.length())));
        }
        break;
      }
      kept.add(l);
      used += cost;
    }
    StringBuilder s = new StringBuilder(PREFIX);
    for (int i = kept.size() - 1; i >= 0; i--) {
      s.append(kept.get(i));
      if (i > 0) {
        s.append(SEPARATOR);
      }
    }
    return s.toString();
  }
}
