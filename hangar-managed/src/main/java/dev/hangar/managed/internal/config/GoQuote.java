package dev.hangar.managed.internal.config;

/**
 * Go's {@code %q} for a string ({@code strconv.Quote}), so messages copied from Docker read as
 * Docker's do: double quotes; {@code "} and {@code \} escaped; printable characters as they are;
 * {@code \a \b \f \n \r \t \v}; other control characters below 0x80 as {@code \xHH}; other
 * unprintable characters as Go's four- or eight-digit hexadecimal escapes. A lone surrogate
 * (which Go's strings cannot hold) is shown as U+FFFD, as Go's JSON decoder would have read it.
 */
final class GoQuote {
  private GoQuote() {}

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isSurrogate((char) cp) && cp < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
        cp = 0xFFFD;
      }
      append(b, cp);
    }
    return b.append('"').toString();
  }

  private static void append(StringBuilder b, int cp) {
    if (cp == '"' || cp == '\\') {
      b.append('\\').appendCodePoint(cp);
    } else if (printable(cp)) {
      b.appendCodePoint(cp);
    } else {
      switch (cp) {
        case 0x07 -> b.append("\\a");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case 0x0B -> b.append("\\v");
        default -> {
          if (cp < ' ' || cp == 0x7F) {
            b.append(String.format("\\x%02x", cp));
          } else if (cp < 0x10000) {
            b.append(String.format("\\u%04x", cp));
          } else {
            b.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
  }

  /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols, ASCII space. */
  private static boolean printable(int cp) {
    if (cp < 0x80) {
      return cp >= 0x20 && cp < 0x7F;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }
}
