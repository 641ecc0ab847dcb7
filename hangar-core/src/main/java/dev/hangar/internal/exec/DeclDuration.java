package dev.hangar.internal.exec;

import java.time.Duration;

/**
 * The {@code timeout} format of a {@code .plugin.toml}: either a TOML integer, a number of
 * seconds ({@code timeout = 30}), or a string of one or more {@code <integer><unit>} parts with
 * units {@code ms}, {@code s}, {@code m}, {@code h} ({@code "500ms"}, {@code "30s"},
 * {@code "2m"}, {@code "1m30s"}, Go's {@code time.ParseDuration} spelling without fractions).
 * The result must be at least {@link #MIN} and at most {@link #MAX}.
 */
final class DeclDuration {
  /** The shortest timeout accepted. */
  static final Duration MIN = Duration.ofMillis(1);
  /** The longest timeout accepted. */
  static final Duration MAX = Duration.ofHours(24);

  private DeclDuration() {}

  /** A number of seconds, checked against the bounds. */
  static Duration ofSeconds(long seconds) {
    if (seconds <= 0) {
      throw new IllegalArgumentException("must be greater than 0, not " + seconds);
    }
    if (seconds > MAX.toSeconds()) {
      throw new IllegalArgumentException(seconds + " seconds is more than the limit of 24h");
    }
    return Duration.ofSeconds(seconds);
  }

  /**
   * Parses the string form.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static Duration parse(String text) {
    String shown = "'" + ExecNames.printable(text) + "'";
    String expected = shown + " is not a duration like \"500ms\", \"30s\", \"2m\" or \"1m30s\"";
    if (text.isEmpty() || text.length() > 64) {
      throw new IllegalArgumentException(expected);
    }
    Duration total = Duration.ZERO;
    int i = 0;
    while (i < text.length()) {
      int digits = i;
      while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 0x80) {
        i++;
      }
      int units = i;
      while (i < text.length() && Character.isLetter(text.charAt(i))) {
        i++;
      }
      if (digits == units || units == i) {
        throw new IllegalArgumentException(expected);
      }
      String number = text.substring(digits, units);
      if (units - digits > 12) {
        throw new IllegalArgumentException(shown + " is more than the limit of 24h");
      }
      long n = Long.parseLong(number);
      total = total.plus(switch (text.substring(units, i)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> throw new IllegalArgumentException(shown + " has the unknown unit '"
            + ExecNames.printable(text.substring(units, i)) + "'; units are ms, s, m and h");
      });
    }
    if (total.compareTo(MIN) < 0) {
      throw new IllegalArgumentException(shown + " must be greater than 0");
    }
    if (total.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(shown + " is more than the limit of 24h");
    }
    return total;
  }
}
