package dev.hangar.internal.jar;

import java.util.Optional;

/**
 * The parts of a plugin JAR's file name, {@code <vendor>-<type>-plugin-<name>.jar}. Vendor and
 * type are {@code [A-Za-z0-9_.]+}; the name is {@code [A-Za-z0-9_.-]+} and may hold dashes.
 *
 * @param vendor e.g. {@code d7y}
 * @param type e.g. {@code resource}
 * @param name e.g. {@code d7yfs}
 */
public record JarFileName(String vendor, String type, String name) {
  /** The file naming pattern, for messages. */
  public static final String EXPECTED = "<vendor>-<type>-plugin-<name>.jar";

  private static final String PLUGIN = "-plugin-";
  private static final String JAR = ".jar";

  /**
   * Parses a file name; empty when it does not follow the pattern (the regular expression
   * {@code ([A-Za-z0-9_.]+)-([A-Za-z0-9_.]+)-plugin-([A-Za-z0-9_.][A-Za-z0-9_.-]*)\.jar}, matched
   * by hand: vendor and type hold no dash, so the first two dashes end them, and compiling the
   * expression's matcher cost the JIT more than a load of 500 plugins).
   */
  public static Optional<JarFileName> parse(String fileName) {
    int d1 = fileName.indexOf('-');
    int d2 = d1 < 0 ? -1 : fileName.indexOf('-', d1 + 1);
    int start = d2 + PLUGIN.length();
    int end = fileName.length() - JAR.length();
    if (d1 <= 0 || d2 <= d1 + 1 || start >= end || !fileName.startsWith(PLUGIN, d2)
        || !fileName.endsWith(JAR) || fileName.charAt(start) == '-'
        || !allowed(fileName, 0, d1, false) || !allowed(fileName, d1 + 1, d2, false)
        || !allowed(fileName, start, end, true)) {
      return Optional.empty();
    }
    return Optional.of(new JarFileName(fileName.substring(0, d1), fileName.substring(d1 + 1, d2),
        fileName.substring(start, end)));
  }

  /** Whether {@code s[from, to)} holds only {@code [A-Za-z0-9_.]} (and {@code -} if allowed). */
  private static boolean allowed(String s, int from, int to, boolean dash) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || (dash && c == '-'))) {
        return false;
      }
    }
    return true;
  }

  /** The lookup key, {@code type/name}. */
  public String key() {
    return type + "/" + name;
  }
}
