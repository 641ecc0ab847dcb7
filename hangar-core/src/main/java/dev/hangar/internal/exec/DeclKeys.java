package dev.hangar.internal.exec;

import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/** TOML key and type spelling for messages. */
final class DeclKeys {
  private DeclKeys() {}

  /** The dotted key of {@code parts}, quoting parts that need it ({@code plugin."a.b".path}). */
  static String join(String... parts) {
    return Toml.joinKeyPath(List.of(parts));
  }

  /** The TOML type of a value tomlj returned, with an article: "an integer", "a table". */
  static String typeOf(Object v) {
    if (v == null) {
      return "missing";
    } else if (v instanceof String) {
      return "a string";
    } else if (v instanceof Long) {
      return "an integer";
    } else if (v instanceof Double) {
      return "a float";
    } else if (v instanceof Boolean) {
      return "a boolean";
    } else if (v instanceof TomlArray a) {
      return isArrayOfTables(a) ? "an array of tables" : "an array";
    } else if (v instanceof TomlTable) {
      return "a table";
    }
    return "a date/time";
  }

  /** Whether {@code v} is an array of tables ({@code [[x]]}). */
  static boolean isArrayOfTables(Object v) {
    return v instanceof TomlArray a && !a.isEmpty() && a.get(0) instanceof TomlTable;
  }
}
