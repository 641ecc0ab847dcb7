package dev.hangar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hangar.exec.ExecResult;
import dev.hangar.protocol.internal.Json;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * How {@code plugin call} prints an exec plugin's result: JSON compact on one line (so it pipes
 * into {@code jq}), text results as the plugin wrote them, nothing for no result.
 */
final class ExecOutput {
  private ExecOutput() {}

  static void print(PrintStream out, ExecResult r) {
    switch (r) {
      case ExecResult.Json j -> {
        try {
          out.println(Json.MAPPER.writeValueAsString(j.value()));
        } catch (JsonProcessingException e) {
          throw new UncheckedIOException(e);
        }
      }
      case ExecResult.Text t -> {
        out.print(t.text());
        if (!t.text().isEmpty() && !t.text().endsWith("\n")) {
          out.println();
        }
      }
      case ExecResult.None n -> { }
    }
    out.flush();
  }
}
