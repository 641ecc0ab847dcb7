package dev.hangar.daemon.internal.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times in query parameters: moby's {@code timestamp.ParseUnixTimestamp} ({@code events?since=},
 * {@code until=}: {@code seconds[.nanoseconds]}) and, for Hangar's logs, RFC 3339 as well.
 */
final class Timestamps {
  private static final int MAX_FRACTION_DIGITS = 20;

  private Timestamps() {}

  /**
   * {@code seconds} or {@code seconds.nanoseconds} (fewer than 9 digits are right-padded, more
   * are cut); empty for {@code ""}. {@code 0} is the epoch, not "unset".
   *
   * @throws IllegalArgumentException with moby's message, e.g. {@code invalid timestamp "x":
   *     invalid seconds "x": invalid syntax}
   */
  static Optional<Instant> parseUnix(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(unix(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid timestamp " + GoQuote.of(value) + ": "
          + e.getMessage(), e);
    }
  }

  private static Instant unix(String value) {
    int dot = value.indexOf('.');
    String s = dot < 0 ? value : value.substring(0, dot);
    String n = dot < 0 ? "" : value.substring(dot + 1);
    long sec = parseSeconds(s);
    if (n.isEmpty() || n.equals("0") || n.equals("000000000")) {
      return Instant.ofEpochSecond(sec);
    }
    if (n.length() > MAX_FRACTION_DIGITS) {
      throw new IllegalArgumentException("invalid nanoseconds: length " + n.length()
          + " exceeds maximum " + MAX_FRACTION_DIGITS);
    }
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("invalid nanoseconds: invalid character '" + c
            + "' at position " + i);
      }
    }
    String nine = n.length() > 9 ? n.substring(0, 9) : (n + "000000000").substring(0, 9);
    return Instant.ofEpochSecond(sec, Long.parseLong(nine));
  }

  private static long parseSeconds(String s) {
    String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("invalid seconds " + GoQuote.of(s) + ": invalid syntax");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid seconds " + GoQuote.of(s)
          + ": value out of range", e);
    }
  }

  /**
   * Go's {@code time.RFC3339Nano} in UTC: {@code 2026-05-01T10:00:00.1234Z}, the fraction without
   * trailing zeros (and without a dot when zero).
   */
  static String rfc3339Nano(Instant t) {
    String s = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME
        .format(t.atOffset(java.time.ZoneOffset.UTC).withNano(0).toLocalDateTime());
    if (t.getNano() == 0) {
      return s + "Z";
    }
    String frac = String.format("%09d", t.getNano()).replaceAll("0+$", "");
    return s + "." + frac + "Z";
  }

  /**
   * A unix timestamp as {@link #parseUnix}, or an RFC 3339 date-time with an offset
   * ({@code 2026-05-01T10:00:00Z}, {@code 2026-05-01T12:00:00.5+02:00}); empty for {@code ""}.
   *
   * @throws IllegalArgumentException naming the value
   */
  static Optional<Instant> parseUnixOrRfc3339(String value) {
    if (value.isEmpty() || value.indexOf('T') < 0 && value.indexOf('t') < 0) {
      return parseUnix(value);
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.toUpperCase(java.util.Locale.ROOT))
          .toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid time " + GoQuote.of(value)
          + ": not RFC 3339 (2006-01-02T15:04:05Z07:00) nor unix seconds[.nanoseconds]", e);
    }
  }
}
