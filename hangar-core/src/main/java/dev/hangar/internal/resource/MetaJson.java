package dev.hangar.internal.resource;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of {@link DownloadMeta}, written and read by hand: one flat object of strings,
 * integers and nulls. Jackson would do, but starting it costs about 0.2 s of a short {@code
 * hangar get}. Same format as Jackson wrote (keys in record order, nulls written); reading
 * matches keys case-insensitively and ignores unknown keys, as {@code Json.MAPPER} does.
 */
final class MetaJson {
  private MetaJson() {}

  /** {@code m} as one line of JSON. */
  static String write(DownloadMeta m) {
    StringBuilder b = new StringBuilder(256).append("{\"schemaVersion\":")
        .append(m.schemaVersion());
    field(b, "uri", m.uri());
    field(b, "range", m.range());
    field(b, "lastModified", m.lastModified());
    field(b, "etag", m.etag());
    return b.append(",\"size\":").append(m.size()).append('}').toString();
  }

  /**
   * Parses what {@link #write} wrote.
   *
   * @throws IllegalArgumentException when the text is not such an object
   */
  static DownloadMeta read(String json) {
    Map<String, Object> fields = new Parser(json).object();
    Object version = fields.get("schemaversion");
    Object size = fields.get("size");
    if (!(version instanceof Long v) || v != v.intValue()
        || !(fields.get("uri") instanceof String uri)) {
      throw new IllegalArgumentException("not a download meta file");
    }
    return new DownloadMeta(v.intValue(), uri, string(fields, "range"),
        string(fields, "lastmodified"), string(fields, "etag"),
        size instanceof Long s ? s : -1);
  }

  private static String string(Map<String, Object> fields, String key) {
    Object o = fields.get(key);
    if (o != null && !(o instanceof String)) {
      throw new IllegalArgumentException(key + " is not a string");
    }
    return (String) o;
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append(",\"").append(name).append("\":");
    if (value == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** A parser for one flat object whose values are strings, integers, booleans or null. */
  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    Map<String, Object> object() {
      Map<String, Object> out = new HashMap<>();
      expect('{');
      if (peek() == '}') {
        i++;
      } else {
        do {
          String key = string().toLowerCase(Locale.ROOT);
          expect(':');
          out.put(key, value());
        } while (next() == ',');
        i--;
        expect('}');
      }
      if (peek() != 0) {
        throw new IllegalArgumentException("text after the object at " + i);
      }
      return out;
    }

    private Object value() {
      char c = peek();
      if (c == '"') {
        return string();
      }
      for (String word : new String[] {"null", "true", "false"}) {
        if (s.startsWith(word, i)) {
          i += word.length();
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
      }
      int start = i;
      if (c == '-') {
        i++;
      }
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      try {
        return Long.parseLong(s.substring(start, i));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad value at " + start, e);
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw new IllegalArgumentException("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = i < s.length() ? s.charAt(i++) : 0;
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw new IllegalArgumentException("bad \\u escape");
            }
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> throw new IllegalArgumentException("bad escape at " + i);
        }
      }
    }

    private void expect(char c) {
      if (next() != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + i);
      }
    }

    private char next() {
      char c = peek();
      i++;
      return c;
    }

    private char peek() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      return i < s.length() ? s.charAt(i) : 0;
    }
  }
}
