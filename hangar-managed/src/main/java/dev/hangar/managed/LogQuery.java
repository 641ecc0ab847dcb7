package dev.hangar.managed;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which lines of a managed plugin's log to read.
 *
 * @param tail only the last N lines (of those since {@code since}); empty for all
 * @param since only lines written at or after this time
 * @param follow after the existing lines, keep delivering new ones until the sink stops
 * @since 0.2
 */
public record LogQuery(OptionalInt tail, Optional<Instant> since, boolean follow) {
  public LogQuery {
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(since, "since");
    if (tail.isPresent() && tail.getAsInt() < 0) {
      throw new IllegalArgumentException("tail must not be negative: " + tail.getAsInt());
    }
  }

  /** Every line, no follow. */
  public static final LogQuery ALL = new LogQuery(OptionalInt.empty(), Optional.empty(), false);
}
