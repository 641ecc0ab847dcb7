package dev.hangar.internal.exec;

import java.util.Objects;

/**
 * One message an exec plugin wrote, after core0's framing was removed: a framed message
 * ({@code N::text} or {@code N:::} ... {@code :::}) or an unframed line at its stream's default
 * level (1 for stdout, 2 for stderr).
 *
 * @param level the level, 0 to 65535 (see {@link ExecLevels})
 * @param text the text without framing; lines of a multi-line message are joined with
 *     {@code "\n"}; malformed UTF-8 is replaced by U+FFFD
 */
public record ExecMessage(int level, String text) {
  /** Checks. */
  public ExecMessage {
    Objects.requireNonNull(text, "text");
    if (level < 0 || level > ExecLevels.MAX_LEVEL) {
      throw new IllegalArgumentException("level out of range 0.." + ExecLevels.MAX_LEVEL + ": "
          + level);
    }
  }
}
