package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads one {@code [plugin.<domain>]} table into an {@link ExecDomain}, collecting every problem
 * instead of stopping at the first. Any problem refuses the domain.
 */
final class DeclDomainReader {
  /** The keys of a {@code [plugin.<domain>]} table, core0's first. */
  static final List<String> KEYS = List.of(
      "path", "exports", "queue", "process_group", "timeout", "max_restart", "env", "sha256",
      "description");
  /** The largest {@code max_restart} accepted. */
  static final int MAX_RESTART_LIMIT = 100;

  private final Path file;
  private final String name;
  private final TomlTable table;
  private final int line;
  private final DeclText text;
  private final List<ExecDeclarationError> errors;

  private DeclDomainReader(Path file, String name, TomlTable table, int line, DeclText text,
      List<ExecDeclarationError> errors) {
    this.file = file;
    this.name = name;
    this.table = table;
    this.line = line;
    this.text = text;
    this.errors = errors;
  }

  /**
   * Reads the domain.
   *
   * @param file the absolute, normalized {@code .plugin.toml}
   * @param name the domain (the table's key)
   * @param table the table
   * @param line the line of the table's header (or first key)
   * @param text the file's text, for the lines of array elements
   * @param errors where problems are added
   * @return the domain, or empty when a problem refused it
   */
  static Optional<ExecDomain> read(Path file, String name, TomlTable table, int line,
      DeclText text, List<ExecDeclarationError> errors) {
    return new DeclDomainReader(file, name, table, line, text, errors).read();
  }

  private Optional<ExecDomain> read() {
    int before = errors.size();
    ExecNames.domainProblem(name).ifPresent(p -> errors.add(
        new ExecDeclarationError(file, line, DeclKeys.join("plugin", name), p)));
    for (String k : table.keySet()) {
      if (!KEYS.contains(k)) {
        error(k, "unknown key '" + ExecNames.printable(k) + "'" + DidYouMean.hint(k, KEYS)
            + "; a [plugin.<domain>] table may hold " + String.join(", ", KEYS));
      }
    }
    Path path = path();
    List<String> exports = exports();
    boolean queue = table.get(List.of("queue")) != null && bool("queue");
    boolean processGroup = table.get(List.of("process_group")) != null && bool("process_group");
    Duration timeout = timeout();
    int maxRestart = maxRestart();
    Map<String, String> env = env();
    String sha256 = sha256();
    String description = string("description");
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new ExecDomain(name, path, exports, queue, processGroup, timeout, maxRestart,
        env, sha256, description, file, line));
  }

  private Path path() {
    Object v = table.get(List.of("path"));
    if (v == null) {
      missing("path", "the executable to run, absolute or relative to this file's directory");
      return null;
    }
    if (!(v instanceof String s)) {
      wrongType("path", v, "a string");
      return null;
    }
    if (s.isEmpty()) {
      error("path", "path is empty");
      return null;
    }
    Path p;
    try {
      p = Path.of(s);
    } catch (InvalidPathException e) {
      error("path", "'" + ExecNames.printable(s) + "' is not a valid path: " + e.getReason());
      return null;
    }
    Path resolved = file.getParent().resolve(p).toAbsolutePath().normalize();
    String shown = "'" + resolved + "'" + (p.isAbsolute() ? "" : " (from '" + s + "')");
    if (!Files.exists(resolved)) {
      error("path", shown + " does not exist");
    } else if (Files.isDirectory(resolved)) {
      error("path", shown + " is a directory, not an executable file");
    } else if (!Files.isRegularFile(resolved)) {
      error("path", shown + " is not a regular file");
    } else if (!Files.isExecutable(resolved)) {
      error("path", shown + " is not executable (no execute permission)");
    }
    return resolved;
  }

  private List<String> exports() {
    Object v = table.get(List.of("exports"));
    if (v == null) {
      missing("exports", "a non-empty array of method names");
      return List.of();
    }
    if (!(v instanceof TomlArray a)) {
      wrongType("exports", v, "an array of method names");
      return List.of();
    }
    if (a.isEmpty()) {
      error("exports", "exports is empty; list at least one method");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      Object e = a.get(i);
      int at = text.elementLine(a.inputPositionOf(i), line);
      String which = "exports[" + i + "]";
      if (!(e instanceof String m)) {
        error(at, "exports",
            which + " is " + DeclKeys.typeOf(e) + ", not a method name (a string)");
        continue;
      }
      Optional<String> problem = ExecNames.methodProblem(m);
      if (problem.isPresent()) {
        error(at, "exports", which + ": " + problem.get());
        continue;
      }
      Integer first = seen.putIfAbsent(m, i);
      if (first != null) {
        error(at, "exports", which + ": '" + m + "' is already listed as exports[" + first + "]");
        continue;
      }
      out.add(m);
    }
    return out;
  }

  private boolean bool(String key) {
    Object v = table.get(List.of(key));
    if (v instanceof Boolean b) {
      return b;
    }
    wrongType(key, v, "a boolean (true or false)");
    return false;
  }

  private Duration timeout() {
    Object v = table.get(List.of("timeout"));
    try {
      if (v == null) {
        return ExecDomain.DEFAULT_TIMEOUT;
      } else if (v instanceof Long seconds) {
        return DeclDuration.ofSeconds(seconds);
      } else if (v instanceof String s) {
        return DeclDuration.parse(s);
      }
      wrongType("timeout", v, "a duration string like \"30s\" or an integer number of seconds");
    } catch (IllegalArgumentException e) {
      error("timeout", "timeout " + e.getMessage());
    }
    return ExecDomain.DEFAULT_TIMEOUT;
  }

  private int maxRestart() {
    Object v = table.get(List.of("max_restart"));
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Long n)) {
      wrongType("max_restart", v, "an integer");
    } else if (n < 0 || n > MAX_RESTART_LIMIT) {
      error("max_restart", "max_restart must be between 0 and " + MAX_RESTART_LIMIT + ", not " + n);
    } else {
      return n.intValue();
    }
    return 0;
  }

  private Map<String, String> env() {
    Object v = table.get(List.of("env"));
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof TomlTable t)) {
      wrongType("env", v, "a table of strings");
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : t.keySet()) {
      Object value = t.get(List.of(k));
      int at = lineOf(t.inputPositionOf(List.of(k)));
      String key = DeclKeys.join("plugin", name, "env", k);
      Optional<String> problem = ExecNames.envNameProblem(k);
      if (problem.isPresent()) {
        errors.add(new ExecDeclarationError(file, at, key, problem.get()));
      } else if (!(value instanceof String s)) {
        errors.add(new ExecDeclarationError(file, at, key,
            "is " + DeclKeys.typeOf(value) + ", expected a string"));
      } else if (s.indexOf('\0') >= 0) {
        errors.add(new ExecDeclarationError(file, at, key, "the value contains a NUL character"));
      } else {
        out.put(k, s);
      }
    }
    return out;
  }

  private String sha256() {
    String s = string("sha256");
    if (s == null) {
      return null;
    }
    String hex = s.regionMatches(true, 0, "sha256:", 0, 7) ? s.substring(7) : s;
    boolean ok = hex.length() == 64 && hex.chars().allMatch(c ->
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    if (!ok) {
      error("sha256", "'" + ExecNames.printable(s) + "' is not a SHA-256 digest: expected 64 hex"
          + " digits, optionally prefixed with 'sha256:'");
      return null;
    }
    return hex.toLowerCase(Locale.ROOT);
  }

  private String string(String key) {
    Object v = table.get(List.of(key));
    if (v == null || v instanceof String) {
      return (String) v;
    }
    wrongType(key, v, "a string");
    return null;
  }

  private void missing(String key, String what) {
    errors.add(new ExecDeclarationError(file, line, DeclKeys.join("plugin", name, key),
        "missing '" + key + "' (" + what + ")"));
  }

  private void wrongType(String key, Object v, String expected) {
    error(key, key + " is " + DeclKeys.typeOf(v) + ", expected " + expected);
  }

  private void error(String key, String message) {
    error(lineOf(table.inputPositionOf(List.of(key))), key, message);
  }

  private void error(int at, String key, String message) {
    errors.add(new ExecDeclarationError(file, at, DeclKeys.join("plugin", name, key), message));
  }

  private int lineOf(TomlPosition p) {
    return p == null ? line : p.line();
  }
}
