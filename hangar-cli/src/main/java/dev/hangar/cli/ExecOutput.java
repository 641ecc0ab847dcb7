package dev.hangar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hangar.exec.ExecResult;
import dev.hangar.protocol.internal.Json;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * How {@code plugin call} prints an exec plugin's result, in UTF-8 whatever the locale: JSON
 * compact on one line (so it pipes into {@code jq}), text results as the plugin wrote them (a
 * newline added when they do not end with one), nothing for no result.
 */
final class ExecOutput {
  private ExecOutput() {}

  static void print(PrintStream out, ExecResult r) {
    switch (r) {
      case ExecResult.Json j -> {
        byte[] json;
        try {
          json = Json.MAPPER.writeValueAsBytes(j.value());
        } catch (JsonProcessingException e) {
          throw new UncheckedIOException(e);
        }
        out.write(json, 0, json.length);
        out.write('\n');
      }
      case ExecResult.Text t -> {
        byte[] text = t.text().getBytes(StandardCharsets.UTF_8);
        out.write(text, 0, text.length);
        if (!t.text().isEmpty() && !t.text().endsWith("\n")) {
          out.write('\n');
        }
      }
      case ExecResult.None n -> { }
    }
    out.flush();
  }
}
