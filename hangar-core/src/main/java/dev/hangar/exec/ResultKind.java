package dev.hangar.exec;

/**
 * The kind of an exec plugin's result, from the level of the framed message that carried it
 * (core0's result levels).
 *
 * @since 0.1
 */
public enum ResultKind {
  /** Level 20: JSON. */
  JSON(20),
  /** Level 21: YAML, returned as text. */
  YAML(21),
  /** Level 22: TOML, returned as text. */
  TOML(22),
  /** Level 23: human-readable text. */
  HRD(23),
  /** Level 30: a full job result (JSON), returned as text. */
  JOB(30);

  private final int level;

  ResultKind(int level) {
    this.level = level;
  }

  /** The framing level that carries this kind. */
  public int level() {
    return level;
  }

  /** The kind for a framing level, if it is a result level. */
  public static java.util.Optional<ResultKind> ofLevel(int level) {
    for (ResultKind k : values()) {
      if (k.level == level) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }
}
