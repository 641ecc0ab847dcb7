package dev.hangar.internal.exec;

import java.util.Optional;

/**
 * Name rules for exec plugins.
 *
 * <ul>
 *   <li><b>Domain</b> (the {@code X} of {@code [plugin.X]}): 1 to {@value #MAX_DOMAIN_LENGTH}
 *       characters from {@code [A-Za-z0-9_-]}, starting with a letter or digit. No dot: a command
 *       {@code domain.method} is split at its <em>first</em> dot, so a domain with a dot could
 *       never be called. Every domain is also a valid plugin name (the registry's rule), so exec
 *       plugins share the registry with socket and JAR plugins.
 *   <li><b>Method</b> (an element of {@code exports}, passed as argv[1]): 1 to
 *       {@value #MAX_METHOD_LENGTH} characters from {@code [A-Za-z0-9_.-]}, starting with a letter,
 *       digit or {@code _} (never {@code -}, so argv[1] never looks like an option). Dots are
 *       allowed: {@code ovs.bridge.add} is method {@code bridge.add} of domain {@code ovs}.
 *   <li><b>Environment variable</b> (a key of {@code env}): 1 to {@value #MAX_ENV_NAME_LENGTH}
 *       characters from {@code [A-Za-z0-9_]}, not starting with a digit (POSIX shell names).
 * </ul>
 *
 * <p>All three are case-sensitive and ASCII only.
 */
public final class ExecNames {
  /** The longest domain accepted. */
  public static final int MAX_DOMAIN_LENGTH = 64;
  /** The longest method accepted. */
  public static final int MAX_METHOD_LENGTH = 128;
  /** The longest environment variable name accepted. */
  public static final int MAX_ENV_NAME_LENGTH = 256;

  private ExecNames() {}

  /** Whether {@code domain} follows the domain rule. */
  public static boolean isDomain(String domain) {
    return domainProblem(domain).isEmpty();
  }

  /** Whether {@code method} follows the method rule. */
  public static boolean isMethod(String method) {
    return methodProblem(method).isEmpty();
  }

  /** What is wrong with {@code domain} as a domain, if anything. */
  public static Optional<String> domainProblem(String domain) {
    return problem("domain", domain, MAX_DOMAIN_LENGTH, "letters, digits, '_' and '-'", false);
  }

  /** What is wrong with {@code method} as a method, if anything. */
  public static Optional<String> methodProblem(String method) {
    return problem("method", method, MAX_METHOD_LENGTH, "letters, digits, '_', '.' and '-'", true);
  }

  /** What is wrong with {@code name} as an environment variable name, if anything. */
  public static Optional<String> envNameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("environment variable name must not be empty");
    }
    String shown = "environment variable name '" + printable(name) + "'";
    if (name.length() > MAX_ENV_NAME_LENGTH) {
      return Optional.of(shown + " is " + name.length() + " characters long; the limit is "
          + MAX_ENV_NAME_LENGTH);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(letterOrDigit(c) || c == '_')) {
        return Optional.of(shown + " contains " + describe(c)
            + "; names may contain only letters, digits and '_'");
      }
    }
    if (Character.isDigit(name.charAt(0))) {
      return Optional.of(shown + " must not start with a digit");
    }
    return Optional.empty();
  }

  private static Optional<String> problem(
      String what, String name, int max, String allowedText, boolean dots) {
    if (name == null || name.isEmpty()) {
      return Optional.of(what + " name must not be empty");
    }
    String shown = what + " name '" + printable(name) + "'";
    if (name.length() > max) {
      return Optional.of(shown + " is " + name.length() + " characters long; the limit is " + max);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(letterOrDigit(c) || c == '_' || c == '-' || (dots && c == '.'))) {
        String why = !dots && c == '.'
            ? " (a command is split into domain and method at its first '.')"
            : "";
        return Optional.of(shown + " contains " + describe(c) + why + "; " + what
            + " names may contain only " + allowedText);
      }
    }
    char first = name.charAt(0);
    if (!(letterOrDigit(first) || (dots && first == '_'))) {
      return Optional.of(
          shown + " must start with a letter" + (dots ? ", digit or '_'" : " or digit"));
    }
    return Optional.empty();
  }

  private static boolean letterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String describe(char c) {
    if (c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
      return String.format("the character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  /** {@code s} with control characters escaped and cut to a readable length. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    int limit = 80;
    s.codePoints().limit(limit).forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f) {
        b.append(String.format("\\u%04x", cp));
      } else {
        b.appendCodePoint(cp);
      }
    });
    return s.codePointCount(0, s.length()) > limit ? b + "..." : b.toString();
  }
}
