package dev.hangar.protocol.internal;

import java.time.Duration;

/**
 * Durations in messages, Go style, as users type them ({@code --timeout 500ms}, {@code timeout =
 * "30s"}): {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m0s}. Every message naming a duration
 * goes through here.
 */
public final class Durations {
  private Durations() {}

  /** {@code d} as {@code 250ms}, {@code 5s}, {@code 1.5s} or {@code 2m0s} (milliseconds kept). */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.3gs", ms / 1000.0);
    }
    long s = ms / 1000;
    return s / 60 + "m" + s % 60 + "s";
  }
}
