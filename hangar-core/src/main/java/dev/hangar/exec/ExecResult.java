package dev.hangar.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a successful exec call returned: the last result message the plugin wrote (core0 keeps
 * the last one too), or nothing.
 *
 * @since 0.1
 */
public sealed interface ExecResult {
  /** A level-20 result, parsed. */
  record Json(JsonNode value) implements ExecResult {
    /** Checks. */
    public Json {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A level 21, 22, 23 or 30 result, as the plugin wrote it. */
  record Text(ResultKind kind, String text) implements ExecResult {
    /** Checks. */
    public Text {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
      if (kind == ResultKind.JSON) {
        throw new IllegalArgumentException("a JSON result is a Json, not a Text");
      }
    }
  }

  /** The plugin exited 0 without writing a result message. */
  record None() implements ExecResult {}
}
