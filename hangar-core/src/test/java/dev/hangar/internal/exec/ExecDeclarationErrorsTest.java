package dev.hangar.internal.exec;

import static dev.hangar.internal.exec.DeclFixtures.exe;
import static dev.hangar.internal.exec.DeclFixtures.script;
import static dev.hangar.internal.exec.DeclFixtures.toml;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every declaration error, each with its exact line and key. */
class ExecDeclarationErrorsTest {
  private static final String OK = "path = \"bin/tool\"\nexports = [\"version\"]\n";

  /**
   * One bad file: its text (one line per {@code \n}), and the one error it must give.
   *
   * @param key the expected key, or null for none
   */
  record Case(String what, String text, int line, String key, String message) {
    @Override
    public String toString() {
      return what;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        // syntax
        new Case("syntax error", "[plugin.a]\npath = \nexports = [\"v\"]\n", 2, null,
            "TOML syntax error: Unexpected end of line"),
        new Case("domain twice in one file", "[plugin.a]\n" + OK + "[plugin.a]\n" + OK, 4,
            "plugin.a", "TOML syntax error: plugin.a previously defined at line 1"),
        new Case("bad escape in a quoted table key (tomlj throws it)",
            "[plugin.a]\n" + OK + "[plugin.\"b\\E\"]\n", 4, null,
            "TOML syntax error: Invalid escape sequence '\\E'"),
        new Case("unicode escape without its digits (tomlj asserts, tests run with -ea)",
            "[plugin.a]\n" + OK + "description = \"\\\\u \\upkk\"\n", 4, null,
            "TOML syntax error: an invalid escape sequence"),
        // unknown keys
        new Case("misspelt key", "[plugin.a]\n" + OK + "paht = \"x\"\n", 4, "plugin.a.paht",
            "unknown key 'paht' (did you mean 'path'?); a [plugin.<domain>] table may hold path,"),
        new Case("key in the wrong case", "[plugin.a]\n" + OK + "Queue = true\n", 4,
            "plugin.a.Queue", "unknown key 'Queue' (did you mean 'queue'?)"),
        new Case("plural key", "[plugin.a]\n" + OK + "max_restarts = 1\n", 4,
            "plugin.a.max_restarts", "unknown key 'max_restarts' (did you mean 'max_restart'?)"),
        new Case("unknown sub-table", "[plugin.a]\n" + OK + "\n[plugin.a.extra]\nx = 1\n", 5,
            "plugin.a.extra", "unknown key 'extra'"),
        // path
        new Case("missing path", "[plugin.a]\nexports = [\"v\"]\n", 1, "plugin.a.path",
            "missing 'path' (the executable to run"),
        new Case("path not a string", "[plugin.a]\npath = 3\nexports = [\"v\"]\n", 2,
            "plugin.a.path", "path is an integer, expected a string"),
        new Case("empty path", "[plugin.a]\nexports = [\"v\"]\npath = \"\"\n", 3,
            "plugin.a.path", "path is empty"),
        new Case("path with NUL", "[plugin.a]\nexports = [\"v\"]\npath = \"a\\u0000b\"\n", 3,
            "plugin.a.path", "'a\\u0000b' is not a valid path"),
        new Case("path that does not exist", "[plugin.a]\nexports = [\"v\"]\npath = \"bin/no\"\n",
            3, "plugin.a.path", "/bin/no' (from 'bin/no') does not exist"),
        new Case("dangling symlink", "[plugin.a]\nexports = [\"v\"]\npath = \"bin/dangling\"\n",
            3, "plugin.a.path", "does not exist"),
        new Case("path is a directory", "[plugin.a]\nexports = [\"v\"]\npath = \"bin\"\n", 3,
            "plugin.a.path", "is a directory, not an executable file"),
        new Case("path not executable", "[plugin.a]\nexports = [\"v\"]\npath = \"bin/plain\"\n",
            3, "plugin.a.path", "/bin/plain' (from 'bin/plain') is not executable"),
        new Case("path not a regular file", "[plugin.a]\nexports = [\"v\"]\npath = \"/dev/null\"\n",
            3, "plugin.a.path", "'/dev/null' is not a regular file"),
        // exports
        new Case("missing exports", "[plugin.a]\npath = \"bin/tool\"\n", 1, "plugin.a.exports",
            "missing 'exports' (a non-empty array of method names)"),
        new Case("empty exports", "[plugin.a]\npath = \"bin/tool\"\nexports = []\n", 3,
            "plugin.a.exports", "exports is empty; list at least one method"),
        new Case("exports a string", "[plugin.a]\npath = \"bin/tool\"\nexports = \"version\"\n", 3,
            "plugin.a.exports", "exports is a string, expected an array of method names"),
        new Case("export not a string", "[plugin.a]\npath = \"bin/tool\"\nexports = [\"v\", 1]\n",
            3, "plugin.a.exports", "exports[1] is an integer, not a method name"),
        new Case("bad method on its own line",
            "[plugin.a]\npath = \"bin/tool\"\nexports = [\n  \"ok\",\n  \"-bad\",\n]\n", 5,
            "plugin.a.exports", "exports[1]: method name '-bad' must start with a letter, digit"),
        new Case("method with a space", "[plugin.a]\npath = \"bin/tool\"\nexports = [\"a b\"]\n", 3,
            "plugin.a.exports", "exports[0]: method name 'a b' contains the character U+0020"),
        new Case("duplicate export",
            "[plugin.a]\npath = \"bin/tool\"\nexports = [\"v\", \"w\",\n  \"v\"]\n", 4,
            "plugin.a.exports", "exports[2]: 'v' is already listed as exports[0]"),
        // domain names
        new Case("domain with a dot", "[plugin.\"a.b\"]\n" + OK, 1, "plugin.\"a.b\"",
            "domain name 'a.b' contains '.' (a command is split into domain and method at its"
                + " first '.')"),
        new Case("domain starting with a dash", "[plugin.-x]\n" + OK, 1, "plugin.-x",
            "domain name '-x' must start with a letter or digit"),
        new Case("domain too long", "[plugin." + "d".repeat(65) + "]\n" + OK, 1,
            "plugin." + "d".repeat(65), "is 65 characters long; the limit is 64"),
        // other keys
        new Case("queue not a boolean", "[plugin.a]\n" + OK + "queue = \"yes\"\n", 4,
            "plugin.a.queue", "queue is a string, expected a boolean"),
        new Case("process_group not a boolean", "[plugin.a]\n" + OK + "process_group = 1\n", 4,
            "plugin.a.process_group", "process_group is an integer, expected a boolean"),
        new Case("timeout a float", "[plugin.a]\n" + OK + "timeout = 1.5\n", 4, "plugin.a.timeout",
            "timeout is a float, expected a duration string like \"30s\" or an integer"),
        new Case("timeout 0s", "[plugin.a]\n" + OK + "timeout = \"0s\"\n", 4, "plugin.a.timeout",
            "timeout '0s' must be greater than 0"),
        new Case("timeout 0", "[plugin.a]\n" + OK + "timeout = 0\n", 4, "plugin.a.timeout",
            "timeout must be greater than 0, not 0"),
        new Case("timeout negative", "[plugin.a]\n" + OK + "timeout = -5\n", 4, "plugin.a.timeout",
            "timeout must be greater than 0, not -5"),
        new Case("timeout over a day", "[plugin.a]\n" + OK + "timeout = \"24h1ms\"\n", 4,
            "plugin.a.timeout", "timeout '24h1ms' is more than the limit of 24h"),
        new Case("timeout seconds over a day", "[plugin.a]\n" + OK + "timeout = 86401\n", 4,
            "plugin.a.timeout", "timeout 86401 seconds is more than the limit of 24h"),
        new Case("timeout unknown unit", "[plugin.a]\n" + OK + "timeout = \"10d\"\n", 4,
            "plugin.a.timeout", "timeout '10d' has the unknown unit 'd'; units are ms, s, m and h"),
        new Case("timeout not a duration", "[plugin.a]\n" + OK + "timeout = \"1.5s\"\n", 4,
            "plugin.a.timeout", "timeout '1.5s' is not a duration like \"500ms\""),
        new Case("max_restart negative", "[plugin.a]\n" + OK + "max_restart = -1\n", 4,
            "plugin.a.max_restart", "max_restart must be between 0 and 100, not -1"),
        new Case("max_restart too big", "[plugin.a]\n" + OK + "max_restart = 101\n", 4,
            "plugin.a.max_restart", "max_restart must be between 0 and 100, not 101"),
        new Case("max_restart a string", "[plugin.a]\n" + OK + "max_restart = \"2\"\n", 4,
            "plugin.a.max_restart", "max_restart is a string, expected an integer"),
        new Case("env a string", "[plugin.a]\n" + OK + "env = \"A=b\"\n", 4, "plugin.a.env",
            "env is a string, expected a table of strings"),
        new Case("env name with a digit first", "[plugin.a]\n" + OK + "env = { 1A = \"x\" }\n", 4,
            "plugin.a.env.1A", "environment variable name '1A' must not start with a digit"),
        new Case("env name with a dash", "[plugin.a]\n" + OK + "env = { A-B = \"x\" }\n", 4,
            "plugin.a.env.A-B", "environment variable name 'A-B' contains '-'"),
        new Case("env value an integer",
            "[plugin.a]\n" + OK + "\n[plugin.a.env]\nOK = \"1\"\nN = 2\n", 7,
            "plugin.a.env.N", "is an integer, expected a string"),
        new Case("env value a table", "[plugin.a]\n" + OK + "env.X.Y = \"1\"\n", 4,
            "plugin.a.env.X", "is a table, expected a string"),
        new Case("env value with NUL", "[plugin.a]\n" + OK + "env = { A = \"x\\u0000\" }\n", 4,
            "plugin.a.env.A", "the value contains a NUL character"),
        new Case("sha256 too short", "[plugin.a]\n" + OK + "sha256 = \"abc\"\n", 4,
            "plugin.a.sha256", "'abc' is not a SHA-256 digest: expected 64 hex digits"),
        new Case("sha256 not hex", "[plugin.a]\n" + OK + "sha256 = \"sha256:" + "0".repeat(63)
            + "g\"\n", 4, "plugin.a.sha256", "is not a SHA-256 digest"),
        new Case("description not a string", "[plugin.a]\n" + OK + "description = 5\n", 4,
            "plugin.a.description", "description is an integer, expected a string"),
        // top level
        new Case("plugins instead of plugin", "[plugins.a]\n" + OK, 1, "plugins",
            "unknown top-level key 'plugins' (did you mean 'plugin'?); a .plugin.toml holds"
                + " [plugin.<domain>] tables"),
        new Case("top-level key", "# a comment\nname = \"x\"\n", 2, "name",
            "unknown top-level key 'name';"),
        new Case("plugin not a table", "plugin = 3\n", 1, "plugin",
            "plugin is an integer; expected [plugin.<domain>] tables"),
        new Case("array of tables", "[[plugin.a]]\n" + OK, 1, "plugin.a",
            "is an array of tables ([[plugin.a]]); declare it once as [plugin.a]"),
        new Case("domain not a table", "plugin.a = 3\n", 1, "plugin.a",
            "is an integer; expected a table [plugin.a]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachProblemGivesOneErrorNamingFileLineAndKey(Case c, @TempDir Path dir) throws IOException {
    exe(dir, "bin/tool");
    script(dir, "bin/plain", "rw-r--r--");
    Files.createSymbolicLink(dir.resolve("bin/dangling"), dir.resolve("bin/gone"));
    Path file = toml(dir, "t.plugin.toml", c.text());

    ExecScan scan = ExecDeclarations.scan(List.of(dir));

    assertThat(scan.domains()).isEmpty();
    assertThat(scan.errors()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.line()).as("line").isEqualTo(c.line());
      assertThat(e.key()).as("key").isEqualTo(c.key());
      assertThat(e.message()).contains(c.message());
      assertThat(e.toException().getMessage())
          .startsWith(file + ":" + c.line() + ": " + (c.key() == null ? "" : c.key() + ": "));
    });
  }
}
