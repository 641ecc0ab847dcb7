package dev.hangar.exec.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Writes messages at core0's levels on the plugin's stdout, where Hangar turns them into log
 * records of the matching severity (tagged with the plugin and method). Each message is written
 * and flushed at once, at the start of a line; text with newlines uses core0's multi-line form.
 *
 * <p>Thread-safe. Messages must come before the handler returns: the result is the last thing a
 * plugin writes.
 */
public final class Log {
  private final TrackingOutputStream out;

  Log(TrackingOutputStream out) {
    this.out = out;
  }

  /**
   * Writes {@code text} at {@code level}.
   *
   * @param level the level
   * @param text  the message; may span lines
   * @throws UncheckedIOException when stdout cannot be written
   */
  public void log(Level level, String text) {
    Objects.requireNonNull(level, "level");
    write(level.code(), text);
  }

  /**
   * Writes {@code text} at a numeric level, for levels this SDK has no name for.
   *
   * @param level 1 to 19 (20 and above are results, written only by {@link ExecPlugin})
   * @param text  the message; may span lines
   * @throws IllegalArgumentException when {@code level} is outside 1 to 19
   */
  public void log(int level, String text) {
    if (level < 1 || level > 19) {
      throw new IllegalArgumentException("log level must be 1 to 19 (20 and above are results): "
          + level);
    }
    write(level, text);
  }

  /** Writes a message for the user (level 3). */
  public void info(String text) {
    write(Level.PUBLIC.code(), text);
  }

  /** Writes a message for the operator (level 4). */
  public void operator(String text) {
    write(Level.OPERATOR.code(), text);
  }

  /** Writes a warning (level 7). */
  public void warning(String text) {
    write(Level.WARNING.code(), text);
  }

  /** Writes an error for the operator (level 8); the call itself still succeeds. */
  public void error(String text) {
    write(Level.ERROR.code(), text);
  }

  /** Writes a critical error (level 9). */
  public void critical(String text) {
    write(Level.CRITICAL.code(), text);
  }

  /** Writes debugging detail (level 11). */
  public void debug(String text) {
    write(Level.DEBUG.code(), text);
  }

  private void write(int level, String text) {
    Objects.requireNonNull(text, "text");
    try {
      out.writeFrame(Frames.message(level, text));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to stdout", e);
    }
  }
}
