package dev.hangar.daemon.internal.api;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's query parameters, parsed and read as dockerd's handlers do ({@code r.ParseForm},
 * {@code r.FormValue}, {@code httputils.BoolValue}, {@code strconv.Atoi}).
 *
 * <p>Parsing follows Go's {@code url.ParseQuery}: {@code &} separates pairs, {@code +} is a
 * space, {@code %XX} escapes are decoded, a {@code ;} or a bad escape is an error. Values are
 * bytes decoded as UTF-8.
 */
final class Query {
  private final Map<String, List<String>> values;

  private Query(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * Parses a raw query string (null or empty for none).
   *
   * @throws HangarException USAGE with Go's message for the first malformed pair
   */
  static Query parse(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String firstError = null;
    if (raw != null) {
      for (String pair : raw.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        if (pair.indexOf(';') >= 0) {
          firstError = firstError != null ? firstError : "invalid semicolon separator in query";
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          out.computeIfAbsent(unescape(k), x -> new ArrayList<>()).add(unescape(v));
        } catch (IllegalArgumentException e) {
          firstError = firstError != null ? firstError : e.getMessage();
        }
      }
    }
    if (firstError != null) {
      throw new HangarException(ErrorCode.USAGE, firstError);
    }
    return new Query(out);
  }

  /** The first value of {@code key}, or {@code ""} ({@code r.FormValue}). */
  String get(String key) {
    List<String> v = values.get(key);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  /** Whether {@code key} is present, even with an empty value. */
  boolean has(String key) {
    return values.containsKey(key);
  }

  /**
   * {@code httputils.BoolValue}: {@code ""}, {@code 0}, {@code no}, {@code false} and
   * {@code none} (any case, surrounding space ignored) are false, anything else true.
   */
  boolean bool(String key) {
    return isTrue(get(key));
  }

  static boolean isTrue(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "", "0", "no", "false", "none" -> false;
      default -> true;
    };
  }

  /**
   * {@code strconv.Atoi} of the value of {@code key}: an optional sign and decimal digits.
   *
   * @throws HangarException USAGE with Go's message ({@code strconv.Atoi: parsing "x": invalid
   *     syntax}, {@code ... value out of range})
   */
  long atoi(String key) {
    return atoiValue(get(key));
  }

  /** {@code strconv.Atoi} of {@code s}, as {@link #atoi}. */
  static long atoiValue(String s) {
    String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new HangarException(ErrorCode.USAGE,
          "strconv.Atoi: parsing " + GoQuote.of(s) + ": invalid syntax");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new HangarException(ErrorCode.USAGE,
          "strconv.Atoi: parsing " + GoQuote.of(s) + ": value out of range");
    }
  }

  /** Go's {@code url.QueryUnescape}. */
  static String unescape(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
          String bad = s.substring(i, Math.min(s.length(), i + 3));
          throw new IllegalArgumentException("invalid URL escape " + GoQuote.of(bad));
        }
        out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.writeBytes(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
  }
}
