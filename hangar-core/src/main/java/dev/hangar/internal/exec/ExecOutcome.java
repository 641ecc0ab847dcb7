package dev.hangar.internal.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.hangar.exec.ExecFailedException;
import dev.hangar.exec.ExecResult;
import dev.hangar.exec.ExecSettings;
import dev.hangar.exec.ResultKind;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.internal.Durations;
import dev.hangar.protocol.internal.Json;
import java.time.Duration;

/**
 * How one run of an exec plugin ended, and what the call returns or throws for it.
 *
 * @param exitStatus the leader's exit status as Java reports it (128 + N after signal N)
 * @param timedOut the call's timeout fired and Hangar terminated the run
 * @param overflow the run wrote more than the output cap and Hangar terminated it
 * @param result the last result message (levels 20-23, 30) of either stream, or null
 * @param stderrTail the last stderr lines (maybe empty)
 */
record ExecOutcome(
    int exitStatus, boolean timedOut, boolean overflow, ExecMessage result, String stderrTail) {
  private static final ObjectReader STRICT =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * The call's result.
   *
   * @throws ExecFailedException {@code OUTPUT_TOO_LARGE}, {@code PLUGIN_TIMEOUT},
   *     {@code EXEC_KILLED}, {@code EXEC_FAILED}, or {@code PROTOCOL_ERROR} for an exit 0 whose
   *     level-20 result is not JSON
   */
  ExecResult toResult(String domain, String method, Duration timeout, ExecSettings settings) {
    if (overflow) {
      throw new ExecFailedException(ErrorCode.OUTPUT_TOO_LARGE, domain, method, -1,
          "wrote more than " + settings.outputCap() + " bytes (stdout and stderr together); "
              + "its processes were terminated", null);
    }
    if (timedOut) {
      throw new ExecFailedException(ErrorCode.PLUGIN_TIMEOUT, domain, method, -1,
          "did not finish within " + Durations.format(timeout) + "; its processes were "
              + "terminated (TERM, " + Durations.format(settings.termGrace()) + " grace, KILL)",
          null);
    }
    if (exitStatus == 0) {
      return success(domain, method);
    }
    if (exitStatus > 128 && exitStatus <= 128 + 64) {
      int signal = exitStatus - 128;
      throw new ExecFailedException(ErrorCode.EXEC_KILLED, domain, method, -1,
          "killed by signal " + signal + signalName(signal) + orNothing(detail()), null);
    }
    String detail = detail();
    throw new ExecFailedException(ErrorCode.EXEC_FAILED, domain, method, exitStatus,
        "exit status " + exitStatus + (detail.isEmpty() ? "" : ": " + detail), null);
  }

  private ExecResult success(String domain, String method) {
    if (result == null) {
      return new ExecResult.None();
    }
    ResultKind kind = ResultKind.ofLevel(result.level()).orElseThrow();
    if (kind != ResultKind.JSON) {
      return new ExecResult.Text(kind, result.text());
    }
    try {
      JsonNode node = STRICT.readTree(result.text());
      if (node == null || node.isMissingNode()) {
        throw new ExecFailedException(ErrorCode.PROTOCOL_ERROR, domain, method, 0,
            "exit status 0 but the level-20 result is empty", null);
      }
      return new ExecResult.Json(node);
    } catch (JsonProcessingException e) {
      throw new ExecFailedException(ErrorCode.PROTOCOL_ERROR, domain, method, 0,
          "exit status 0 but the level-20 result is not JSON: " + Json.problem(e), e);
    }
  }

  /**
   * What a failed run said: its result text (a JSON string unwrapped, as core0's helper library
   * writes errors), else the last stderr lines, else nothing.
   */
  String detail() {
    if (result != null && !result.text().isBlank()) {
      String text = result.text().strip();
      if (result.level() == ResultKind.JSON.level()) {
        try {
          JsonNode node = STRICT.readTree(text);
          if (node != null && node.isTextual()) {
            text = node.textValue();
          }
        } catch (JsonProcessingException e) {
          // not JSON: the text as written
        }
      }
      return ExecLevels.printable(text);
    }
    return stderrTail;
  }

  private static String orNothing(String detail) {
    return detail.isEmpty() ? "" : ": " + detail;
  }

  static String signalName(int signal) {
    String name = switch (signal) {
      case 1 -> "HUP";
      case 2 -> "INT";
      case 3 -> "QUIT";
      case 4 -> "ILL";
      case 6 -> "ABRT";
      case 7 -> "BUS";
      case 8 -> "FPE";
      case 9 -> "KILL";
      case 11 -> "SEGV";
      case 13 -> "PIPE";
      case 14 -> "ALRM";
      case 15 -> "TERM";
      default -> null;
    };
    return name == null ? "" : " (SIG" + name + ")";
  }
}
