package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

/**
 * Reads the text of one {@code .plugin.toml} (TOML 1.0) into declarations.
 *
 * <p>Top level: {@code plugin} holds the {@code [plugin.<domain>]} tables; core0's
 * {@code extension} and {@code startup} tables (core0's own configuration sections, which may sit
 * in the same file) are ignored; any other top-level key is an error. A syntax error gives one
 * error and no declarations; a bad domain does not stop the file's other domains.
 */
final class DeclFileReader {
  /** Top-level tables that belong to core0 and are ignored without a word. */
  static final Set<String> IGNORED = Set.of("extension", "startup");

  private static final Pattern REDEFINED = Pattern.compile("^(\\S+) previously defined at line");

  /**
   * One {@code [plugin.<domain>]} table as found, usable or not.
   *
   * @param name the domain
   * @param file the file
   * @param line the line of its header
   * @param domain the domain when it was read without a problem
   */
  record Declared(String name, Path file, int line, Optional<ExecDomain> domain) {}

  /** What one file gave. */
  record Result(List<Declared> declared, List<ExecDeclarationError> errors) {}

  private DeclFileReader() {}

  /**
   * Reads {@code text}, the content of {@code file}.
   *
   * @param file the absolute, normalized file; relative {@code path}s resolve against its parent
   */
  static Result read(Path file, String text) {
    List<ExecDeclarationError> errors = new ArrayList<>();
    List<Declared> declared = new ArrayList<>();
    TomlParseResult toml;
    try {
      toml = Toml.parse(text, TomlVersion.V1_0_0);
    } catch (StackOverflowError e) {
      // ANTLR's recursive descent: arrays or inline tables nested some thousand levels deep
      errors.add(new ExecDeclarationError(file, 0, null,
          "TOML syntax error: arrays or inline tables nested too deeply"));
      return new Result(declared, errors);
    } catch (TomlParseError e) {
      // tomlj throws a few errors instead of listing them: a bad escape in a quoted table key
      errors.add(syntaxError(file, List.of(e)));
      return new Result(declared, errors);
    } catch (AssertionError e) {
      // with -ea, tomlj's asserts fire on a malformed escape (a backslash-u without its hex
      // digits) before its own error is made
      errors.add(fromTomlj(e)
          ? new ExecDeclarationError(file, badUnicodeEscapeLine(text), null,
              "TOML syntax error: an invalid escape sequence")
          : new ExecDeclarationError(file, 0, null, "TOML syntax error: tomlj cannot read it"));
      return new Result(declared, errors);
    }
    if (toml.hasErrors()) {
      errors.add(syntaxError(file, toml.errors()));
      return new Result(declared, errors);
    }
    List<String> keys = new ArrayList<>(toml.keySet());
    keys.sort(Comparator.comparingInt(k -> lineOf(toml.inputPositionOf(List.of(k)))));
    for (String k : keys) {
      int line = lineOf(toml.inputPositionOf(List.of(k)));
      if (k.equals("plugin")) {
        plugins(file, toml.get(List.of(k)), line, new DeclText(text), declared, errors);
      } else if (!IGNORED.contains(k)) {
        errors.add(new ExecDeclarationError(file, line, DeclKeys.join(k),
            "unknown top-level key '" + ExecNames.printable(k) + "'"
                + DidYouMean.hint(k, List.of("plugin"))
                + "; a .plugin.toml holds [plugin.<domain>] tables (and core0's [extension.*]"
                + " and [startup.*] tables, which are ignored)"));
      }
    }
    return new Result(declared, errors);
  }

  private static void plugins(Path file, Object value, int line, DeclText text,
      List<Declared> declared, List<ExecDeclarationError> errors) {
    if (!(value instanceof TomlTable plugins)) {
      errors.add(new ExecDeclarationError(file, line, "plugin",
          "plugin is " + DeclKeys.typeOf(value) + "; expected [plugin.<domain>] tables"));
      return;
    }
    List<String> names = new ArrayList<>(plugins.keySet());
    names.sort(Comparator.<String>comparingInt(
        n -> lineOf(plugins.inputPositionOf(List.of(n)))).thenComparing(n -> n));
    for (String name : names) {
      Object v = plugins.get(List.of(name));
      int at = lineOf(plugins.inputPositionOf(List.of(name)));
      if (v instanceof TomlTable t) {
        Optional<ExecDomain> d = DeclDomainReader.read(file, name, t, at, text, errors);
        declared.add(new Declared(name, file, at, d));
      } else {
        String how = DeclKeys.isArrayOfTables(v)
            ? "is an array of tables ([[plugin." + name + "]]); declare it once as [plugin."
                + name + "]"
            : "is " + DeclKeys.typeOf(v) + "; expected a table [plugin." + name + "]";
        errors.add(new ExecDeclarationError(file, at, DeclKeys.join("plugin", name), how));
      }
    }
  }

  private static ExecDeclarationError syntaxError(Path file, List<TomlParseError> all) {
    TomlParseError first = all.get(0);
    String message = first.getMessage();
    Matcher m = REDEFINED.matcher(message);
    String key = m.find() ? m.group(1) : null;
    String more = all.size() > 1 ? " (and " + (all.size() - 1) + " more)" : "";
    int line = first.position() == null ? 0 : first.position().line();
    return new ExecDeclarationError(file, line, key, "TOML syntax error: " + message + more);
  }

  private static boolean fromTomlj(AssertionError e) {
    StackTraceElement[] at = e.getStackTrace();
    return at.length > 0 && at[0].getClassName().equals("org.tomlj.QuotedStringVisitor");
  }

  /** The line of the first backslash-u (-U) escape without its 4 (8) hex digits, else 0. */
  static int badUnicodeEscapeLine(String text) {
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c == '\\' && i + 1 < text.length()) {
        char kind = text.charAt(i + 1);
        int digits = kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
        for (int k = 0; k < digits; k++) {
          if (i + 2 + k >= text.length()
              || Character.digit(text.charAt(i + 2 + k), 16) < 0) {
            return line;
          }
        }
        i++; // the escaped character, a backslash included
      }
    }
    return 0;
  }

  private static int lineOf(TomlPosition p) {
    return p == null ? 0 : p.line();
  }
}
