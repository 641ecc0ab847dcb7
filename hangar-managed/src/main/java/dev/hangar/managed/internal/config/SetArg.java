package dev.hangar.managed.internal.config;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;

/**
 * One {@code set} argument, {@code <name>[.<field>][=<value>]}, split as Docker's
 * {@code newSettable} does: the name ends at the first {@code =}; a {@code .} after the name's
 * first character splits off the field at the last {@code .}. {@code field} is empty when none
 * was given (also for {@code name.=v}); {@code value} is empty without {@code =}.
 */
record SetArg(String name, String field, String value) {
  static final String INVALID_FORMAT = "invalid format, must be <name>[.<field>][=<value>]";

  /**
   * @throws HangarException {@link ErrorCode#SETTING_INVALID} for an argument starting with
   *     {@code =}
   */
  static SetArg parse(String arg) {
    int eq = arg.indexOf('=');
    if (eq == 0) {
      throw new HangarException(ErrorCode.SETTING_INVALID, INVALID_FORMAT);
    }
    String name = eq < 0 ? arg : arg.substring(0, eq);
    String value = eq < 0 ? "" : arg.substring(eq + 1);
    String field = "";
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      field = name.substring(dot + 1);
      name = name.substring(0, dot);
    }
    return new SetArg(name, field, value);
  }

  /** This argument with the field in effect. */
  SetArg withField(String f) {
    return new SetArg(name, f, value);
  }

  /** {@code name.field}, or {@code name} without a field, as Docker's messages show it. */
  String prettyName() {
    return field.isEmpty() ? name : name + "." + field;
  }
}
