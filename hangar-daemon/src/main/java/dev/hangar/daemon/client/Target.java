package dev.hangar.daemon.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds request targets as Go's {@code net/url} escapes them: a path keeps {@code /}, {@code :}
 * and the other characters RFC 3986 allows in a path (so {@code vieux/sshfs:latest} is sent
 * as it is); query values are form-escaped and the keys sorted ({@code url.Values.Encode}).
 */
final class Target {
  private final StringBuilder path = new StringBuilder();
  private final Map<String, String> query = new TreeMap<>();

  private Target() {}

  /** A target starting with {@code path}, taken as already escaped. */
  static Target of(String path) {
    Target t = new Target();
    t.path.append(path);
    return t;
  }

  /** Appends {@code text}, escaped as a path (its {@code /} kept). */
  Target path(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    for (byte x : b) {
      int c = x & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~$&+,;=:@/".indexOf(c) >= 0)) {
        path.append((char) c);
      } else {
        escape(path, c);
      }
    }
    return this;
  }

  /** Adds a query parameter. */
  Target query(String key, String value) {
    query.put(key, value);
    return this;
  }

  @Override
  public String toString() {
    if (query.isEmpty()) {
      return path.toString();
    }
    StringBuilder s = new StringBuilder(path).append('?');
    boolean first = true;
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (!first) {
        s.append('&');
      }
      first = false;
      form(s, e.getKey());
      s.append('=');
      form(s, e.getValue());
    }
    return s.toString();
  }

  private static void form(StringBuilder s, String text) {
    for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        s.append((char) c);
      } else if (c == ' ') {
        s.append('+');
      } else {
        escape(s, c);
      }
    }
  }

  private static void escape(StringBuilder s, int c) {
    s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
  }
}
