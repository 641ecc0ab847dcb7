package dev.hangar.exec.sdk;

import java.nio.charset.StandardCharsets;

/** core0's framing, as its Go helper library writes it. */
final class Frames {
  /** The level of a JSON result. */
  static final int RESULT_JSON = 20;

  private Frames() {}

  /**
   * A result: {@code 20:::} + the JSON + a newline + {@code :::}, with no newline after it (core0's
   * library writes the JSON with Go's {@code json.Encoder}, which adds the newline).
   */
  static byte[] result(String json) {
    return (RESULT_JSON + ":::" + json + "\n:::").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A message at {@code level}, ending with a newline: {@code N::text} for one line, else {@code
   * N:::} + the lines + a line {@code :::}. The multi-line form is also used for text starting with
   * ':' (which would turn {@code N::} into {@code N:::}); a line that is exactly {@code :::} would
   * close the message early, so it is written as {@code "::: "}.
   */
  static byte[] message(int level, String text) {
    StringBuilder b = new StringBuilder(text.length() + 16).append(level);
    if (text.indexOf('\n') < 0 && !text.startsWith(":")) {
      b.append("::").append(text).append('\n');
    } else {
      b.append(":::");
      for (String line : text.split("\n", -1)) {
        b.append(line.equals(":::") ? "::: " : line).append('\n');
      }
      b.append(":::\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
