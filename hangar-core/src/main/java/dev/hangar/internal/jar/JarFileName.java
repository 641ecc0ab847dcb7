package dev.hangar.internal.jar;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a plugin JAR's file name, {@code <vendor>-<type>-plugin-<name>.jar}. Vendor and
 * type are {@code [A-Za-z0-9_.]+}; the name is {@code [A-Za-z0-9_.-]+} and may hold dashes.
 *
 * @param vendor e.g. {@code d7y}
 * @param type e.g. {@code resource}
 * @param name e.g. {@code d7yfs}
 */
public record JarFileName(String vendor, String type, String name) {
  private static final Pattern PATTERN =
      Pattern.compile("([A-Za-z0-9_.]+)-([A-Za-z0-9_.]+)-plugin-([A-Za-z0-9_.][A-Za-z0-9_.-]*)\\.jar");

  /** The file naming pattern, for messages. */
  public static final String EXPECTED = "<vendor>-<type>-plugin-<name>.jar";

  /** Parses a file name; empty when it does not follow the pattern. */
  public static Optional<JarFileName> parse(String fileName) {
    Matcher m = PATTERN.matcher(fileName);
    return m.matches() ? Optional.of(new JarFileName(m.group(1), m.group(2), m.group(3)))
        : Optional.empty();
  }

  /** The lookup key, {@code type/name}. */
  public String key() {
    return type + "/" + name;
  }
}
