package dev.hangar.internal.discovery;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;

/**
 * Plugin name rules. A name is 1 to {@value #MAX_LENGTH} characters from {@code [A-Za-z0-9_.-]},
 * starts with a letter or digit, and never contains {@code ..}. So a name can never leave the
 * directory it is looked up in (Docker does no such check).
 */
public final class PluginNames {
  /** The longest name accepted. */
  public static final int MAX_LENGTH = 128;

  private PluginNames() {}

  /**
   * Checks a name.
   *
   * @param name the name to check
   * @return the name
   * @throws HangarException with {@link ErrorCode#INVALID_PLUGIN_NAME}, saying what is wrong
   */
  public static String validate(String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new HangarException(ErrorCode.INVALID_PLUGIN_NAME, problem);
    }
    return name;
  }

  /** Whether {@code name} is valid. */
  public static boolean isValid(String name) {
    return problem(name) == null;
  }

  /** What is wrong with {@code name}, or null when nothing is. */
  static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "plugin name must not be empty";
    }
    String shown = "plugin name '" + printable(name) + "'";
    if (name.length() > MAX_LENGTH) {
      return shown + " is " + name.length() + " characters long; the limit is " + MAX_LENGTH;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\') {
        return shown + " contains the path separator '" + c + "'";
      }
      if (!allowed(c)) {
        return shown + " contains " + describe(c)
            + "; names may contain only letters, digits, '_', '.' and '-'";
      }
    }
    if (!Character.isLetterOrDigit(name.charAt(0))) {
      return shown + " must start with a letter or digit";
    }
    if (name.contains("..")) {
      return shown + " must not contain '..'";
    }
    return null;
  }

  private static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '-';
  }

  private static String describe(char c) {
    if (c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
      return String.format("the character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  private static String printable(String name) {
    StringBuilder b = new StringBuilder();
    name.codePoints().limit(MAX_LENGTH + 8).forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f) {
        b.append(String.format("\\u%04x", cp));
      } else {
        b.appendCodePoint(cp);
      }
    });
    return name.codePointCount(0, name.length()) > MAX_LENGTH + 8 ? b + "..." : b.toString();
  }
}
