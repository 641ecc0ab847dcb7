package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the exec plugin declarations of exec directories.
 *
 * <p>In each directory (in the order given; a directory given twice is read once), every file
 * named {@code *.plugin.toml} or exactly {@code .plugin.toml} is read, in file-name order. Each is
 * TOML 1.0 with {@code [plugin.<domain>]} tables:
 *
 * <pre>
 * [plugin.ovs]
 * path = "/abs/or/relative/to/this/file"   # required; an existing executable regular file
 * exports = ["version", "bridge.add"]      # required; non-empty, method names, no duplicates
 * queue = true                             # optional, default false: calls run one at a time
 * timeout = "30s"                          # optional, default 60 s; "500ms", "2m", "1m30s" or
 *                                          #   an integer of seconds; 1 ms to 24 h
 * max_restart = 2                          # optional, default 0, at most 100
 * env = { OVS_DB = "unix:/run/db.sock" }   # optional; names [A-Za-z_][A-Za-z0-9_]*
 * sha256 = "sha256:0123...cdef"            # optional; 64 hex digits, prefix optional
 * description = "Open vSwitch helper"      # optional
 * </pre>
 *
 * <p>A relative {@code path} resolves against the directory the file is listed in (for a
 * symbolic link, the link's directory, not its target's); the domain's {@code path} is absolute
 * and normalized, symbolic links in it are kept (so a link can be swapped to update a plugin).
 *
 * <p>Problems never throw: each becomes an {@link ExecDeclarationError} naming the file, line and
 * key, and only the declaration concerned is refused. A file with a syntax error, larger than
 * {@link DeclFiles#MAX_FILE_SIZE} bytes or not UTF-8 gives one error and no domain. A domain
 * declared in two files is refused in both, each error naming the other file and line.
 * Names follow {@link ExecNames}.
 *
 * <p>Differences from core0, which decodes the file leniently: unknown keys and top-level keys
 * other than {@code plugin}, {@code extension} and {@code startup} are errors (core0 ignores
 * them, so a typo silently loses a plugin); keys are case-sensitive ({@code Path} is not
 * {@code path}).
 */
public final class ExecDeclarations {
  private ExecDeclarations() {}

  /**
   * Reads every declaration file of {@code dirs}.
   *
   * @param dirs the exec directories, in priority order only for the order of the result; a
   *     missing directory contributes nothing, one that cannot be listed an error
   * @return the accepted domains and every problem; never throws for bad input
   */
  public static ExecScan scan(List<Path> dirs) {
    Set<Path> unique = new LinkedHashSet<>();
    for (Path d : dirs) {
      unique.add(d.toAbsolutePath().normalize());
    }
    List<ExecDeclarationError> errors = new ArrayList<>();
    List<DeclFileReader.Declared> declared = new ArrayList<>();
    for (Path dir : unique) {
      for (Path file : DeclFiles.list(dir, errors)) {
        DeclFiles.read(file, errors).ifPresent(text -> {
          DeclFileReader.Result r = DeclFileReader.read(file, text);
          declared.addAll(r.declared());
          errors.addAll(r.errors());
        });
      }
    }
    return new ExecScan(accepted(declared, errors), errors);
  }

  /** The usable domains whose name is declared once; the others become errors. */
  private static List<ExecDomain> accepted(
      List<DeclFileReader.Declared> declared, List<ExecDeclarationError> errors) {
    Map<String, List<DeclFileReader.Declared>> byName = declared.stream().collect(
        Collectors.groupingBy(DeclFileReader.Declared::name, LinkedHashMap::new,
            Collectors.toList()));
    List<ExecDomain> out = new ArrayList<>();
    for (DeclFileReader.Declared d : declared) {
      List<DeclFileReader.Declared> same = byName.get(d.name());
      if (same.size() == 1) {
        d.domain().ifPresent(out::add);
        continue;
      }
      String others = same.stream().filter(o -> o != d)
          .map(o -> o.file() + ":" + o.line())
          .collect(Collectors.joining(", "));
      errors.add(new ExecDeclarationError(d.file(), d.line(), DeclKeys.join("plugin", d.name()),
          "domain '" + d.name() + "' is also declared at " + others
              + "; all its declarations are refused"));
    }
    return out;
  }
}
