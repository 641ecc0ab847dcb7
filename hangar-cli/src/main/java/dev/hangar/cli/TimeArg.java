package dev.hangar.cli;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --since}/{@code --until} value, read as Docker's CLI reads it
 * ({@code GetTimestamp}) and sent as Docker sends it: Unix seconds.
 *
 * <ul>
 *   <li>a Go duration before now ({@code 42m}, {@code 1h30m}, {@code 1.5h}, {@code 250ms}):
 *       whole seconds;
 *   <li>an RFC 3339 time with a zone ({@code 2024-05-01T10:00:00Z},
 *       {@code 2024-05-01T10:00:00.5+02:00}), or without one ({@code 2024-05-01T10:00:00},
 *       {@code 2024-05-01}: local time): {@code seconds.nanoseconds};
 *   <li>Unix seconds ({@code 1714557600}, {@code 1714557600.5}): as given.
 * </ul>
 */
final class TimeArg {
  private static final Pattern GO_DURATION =
      Pattern.compile("((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h))+");
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final Pattern UNIX = Pattern.compile("\\d+(\\.\\d{1,9})?");

  private TimeArg() {}

  /**
   * The value as Unix seconds.
   *
   * @param value what the user wrote
   * @param now the time a duration counts back from
   * @param zone the zone of a time written without one
   * @throws HangarException USAGE: {@code failed to parse value as time or duration: "x"}
   */
  static String parse(String value, Instant now, ZoneId zone) {
    String v = value.strip();
    if (!v.equals("0") && GO_DURATION.matcher(v).matches()) {
      return Long.toString(now.minus(goDuration(v)).getEpochSecond());
    }
    if (UNIX.matcher(v).matches()) {
      return v;
    }
    try {
      Instant t;
      if (v.length() == 10) {
        t = LocalDate.parse(v).atStartOfDay(zone).toInstant();
      } else if (v.endsWith("Z") || v.endsWith("z") || v.matches(".*T.*[+-]\\d\\d:\\d\\d")) {
        t = OffsetDateTime.parse(v.toUpperCase(Locale.ROOT)).toInstant();
      } else {
        t = LocalDateTime.parse(v).atZone(zone).toInstant();
      }
      return String.format("%d.%09d", t.getEpochSecond(), t.getNano());
    } catch (DateTimeParseException e) {
      throw new HangarException(ErrorCode.USAGE,
          "failed to parse value as time or duration: \"" + value + "\"", e);
    }
  }

  private static Duration goDuration(String v) {
    Duration d = Duration.ZERO;
    Matcher m = PART.matcher(v);
    while (m.find()) {
      double n = Double.parseDouble(m.group(1));
      long nanosPerUnit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      d = d.plusNanos(Math.round(n * nanosPerUnit));
    }
    return d;
  }
}
