package dev.hangar.internal.exec;

import dev.hangar.exec.ResultKind;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * core0's message levels: their names, which ones carry a result, and the severity of the log
 * record Hangar makes of the others.
 *
 * <table>
 *   <caption>Levels</caption>
 *   <tr><th>level</th><th>name</th><th>log record</th></tr>
 *   <tr><td>1</td><td>stdout (unframed stdout line)</td><td>DEBUG</td></tr>
 *   <tr><td>2</td><td>stderr (unframed stderr line)</td><td>INFO</td></tr>
 *   <tr><td>3, 4, 5, 6</td><td>public, operator, unknown, structured</td><td>INFO</td></tr>
 *   <tr><td>7</td><td>warning</td><td>WARNING</td></tr>
 *   <tr><td>8, 9</td><td>ops-error, critical</td><td>ERROR</td></tr>
 *   <tr><td>10, 11</td><td>statsd, debug</td><td>DEBUG</td></tr>
 *   <tr><td>20, 21, 22, 23, 30</td><td>result-json, -yaml, -toml, -hrd, result-job</td>
 *       <td>DEBUG (a result is returned, not logged)</td></tr>
 *   <tr><td>50, 100+, others</td><td>exit-state, internal, level-N</td><td>DEBUG</td></tr>
 * </table>
 *
 * <p>Unframed stdout is DEBUG because stdout is the result channel: chatter there is noise to
 * the caller. Unframed stderr is INFO, not WARNING: programs write all their diagnostics there
 * (Go's {@code log} package does by default), so it is shown as a program's stderr would be,
 * and the last stderr lines also go into the error of a failed call.
 */
public final class ExecLevels {
  /** The highest level: core0 reads levels as uint16. */
  public static final int MAX_LEVEL = 65535;
  /** Unframed stdout lines. */
  public static final int STDOUT = 1;
  /** Unframed stderr lines. */
  public static final int STDERR = 2;
  /** Messages for the public. */
  public static final int PUBLIC = 3;
  /** Messages for the operator. */
  public static final int OPERATOR = 4;
  /** Log messages of unknown kind. */
  public static final int UNKNOWN = 5;
  /** Structured log messages. */
  public static final int STRUCTURED = 6;
  /** Warnings. */
  public static final int WARNING = 7;
  /** Errors for the operator. */
  public static final int OPS_ERROR = 8;
  /** Critical errors. */
  public static final int CRITICAL = 9;
  /** statsd metrics. */
  public static final int STATSD = 10;
  /** Debug messages. */
  public static final int DEBUG = 11;
  /** The result, JSON. */
  public static final int RESULT_JSON = 20;
  /** The result, YAML. */
  public static final int RESULT_YAML = 21;
  /** The result, TOML. */
  public static final int RESULT_TOML = 22;
  /** The result, human-readable text. */
  public static final int RESULT_HRD = 23;
  /** A full job result. */
  public static final int RESULT_JOB = 30;
  /** core0's exit state. */
  public static final int EXIT_STATE = 50;
  /** The first of core0's internal levels. */
  public static final int INTERNAL = 100;
  /** Log record texts are cut after this many chars. */
  public static final int LOG_TEXT_MAX = 16 * 1024;

  private ExecLevels() {}

  /** core0's name of a level, {@code level-N} when it has none. */
  public static String name(int level) {
    return switch (level) {
      case STDOUT -> "stdout";
      case STDERR -> "stderr";
      case PUBLIC -> "public";
      case OPERATOR -> "operator";
      case UNKNOWN -> "unknown";
      case STRUCTURED -> "structured";
      case WARNING -> "warning";
      case OPS_ERROR -> "ops-error";
      case CRITICAL -> "critical";
      case STATSD -> "statsd";
      case DEBUG -> "debug";
      case RESULT_JSON -> "result-json";
      case RESULT_YAML -> "result-yaml";
      case RESULT_TOML -> "result-toml";
      case RESULT_HRD -> "result-hrd";
      case RESULT_JOB -> "result-job";
      case EXIT_STATE -> "exit-state";
      default -> level >= INTERNAL ? "internal" : "level-" + level;
    };
  }

  /** Whether a message of this level is a result (20, 21, 22, 23 or 30). */
  public static boolean isResult(int level) {
    return ResultKind.ofLevel(level).isPresent();
  }

  /** The severity of the log record for a message of this level. */
  public static Level logLevel(int level) {
    return switch (level) {
      case STDERR, PUBLIC, OPERATOR, UNKNOWN, STRUCTURED -> Level.INFO;
      case WARNING -> Level.WARNING;
      case OPS_ERROR, CRITICAL -> Level.ERROR;
      default -> Level.DEBUG;
    };
  }

  /**
   * Logs a message as {@code exec plugin DOMAIN.METHOD: TEXT} at {@link #logLevel}. Control
   * characters other than newline and tab become U+FFFD (a plugin cannot drive the terminal of
   * whoever reads the log), and the text is cut after {@link #LOG_TEXT_MAX} chars.
   */
  public static void log(Logger logger, String domain, String method, ExecMessage message) {
    Level severity = logLevel(message.level());
    if (logger.isLoggable(severity)) {
      logger.log(severity, "exec plugin " + domain + "." + method + ": "
          + printable(message.text()));
    }
  }

  /** The text with control characters replaced and cut after {@link #LOG_TEXT_MAX} chars. */
  static String printable(String text) {
    int n = Math.min(text.length(), LOG_TEXT_MAX);
    if (n < text.length() && Character.isHighSurrogate(text.charAt(n - 1))) {
      n--; // do not cut a pair in two
    }
    StringBuilder out = null;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0);
      if (control && out == null) {
        out = new StringBuilder(n + 32).append(text, 0, i);
      }
      if (out != null) {
        out.append(control ? '\uFFFD' : c);
      }
    }
    String result = out == null ? text.substring(0, n) : out.toString();
    if (text.length() > n) {
      result += "... (" + (text.length() - n) + " more chars)";
    }
    return result;
  }
}
