package dev.hangar.managed;

import java.time.Instant;
import java.util.Objects;

/**
 * One line a managed plugin wrote, as its log keeps it (one JSON object per line, as Docker's
 * json-file driver writes: {@code {"log":"text\n","stream":"stdout","time":"..."}}).
 *
 * @param time when Hangar read it
 * @param stream {@code stdout} or {@code stderr}
 * @param text the line, without its newline
 * @since 0.2
 */
public record LogLine(Instant time, String stream, String text) {
  public LogLine {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(text, "text");
  }
}
