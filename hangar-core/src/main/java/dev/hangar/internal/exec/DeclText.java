package dev.hangar.internal.exec;

import java.util.ArrayList;
import java.util.List;
import org.tomlj.TomlPosition;

/**
 * The text of a declaration file, to correct tomlj's positions of array elements: tomlj places
 * an element where the whitespace before it starts (after the previous comma), which is the line
 * before when the element begins a new line.
 */
final class DeclText {
  private final String text;
  private final List<Integer> lineStarts = new ArrayList<>();

  DeclText(String text) {
    this.text = text;
    lineStarts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lineStarts.add(i + 1);
      }
    }
  }

  /**
   * The line of the first character of the array element tomlj places at {@code p}, skipping
   * whitespace, newlines, commas and comments; {@code fallback} when {@code p} is null.
   */
  int elementLine(TomlPosition p, int fallback) {
    if (p == null || p.line() < 1 || p.line() > lineStarts.size()) {
      return fallback;
    }
    int line = p.line();
    int i = lineStarts.get(line - 1) + Math.max(0, p.column() - 1);
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c == '#') {
        while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c != ' ' && c != '\t' && c != '\r' && c != ',') {
        break;
      }
      i++;
    }
    return line;
  }
}
