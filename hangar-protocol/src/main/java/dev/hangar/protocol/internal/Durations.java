package dev.hangar.protocol.internal;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations in messages, Go style, as users type them ({@code --timeout 500ms}, {@code timeout =
 * "30s"}): {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m0s}, {@code 1h0m0s}. Every message
 * naming a duration goes through here.
 */
public final class Durations {
  private Durations() {}

  /** {@code d} as {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m0s} or {@code 1h0m0s}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    String s = BigDecimal.valueOf(ms % 60_000, 3).stripTrailingZeros().toPlainString() + "s";
    if (h > 0) {
      return h + "h" + m + "m" + s;
    }
    return m > 0 ? m + "m" + s : s;
  }
}
