package dev.hangar.protocol.internal.http;

import java.time.Duration;

/** Durations in messages, Go style: {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m0s}. */
final class Durations {
  private Durations() {}

  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return ms % 1000 == 0 ? ms / 1000 + "s" : String.format("%.3gs", ms / 1000.0);
    }
    long s = ms / 1000;
    return s / 60 + "m" + s % 60 + "s";
  }
}
