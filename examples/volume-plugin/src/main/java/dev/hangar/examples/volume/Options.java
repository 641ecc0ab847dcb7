package dev.hangar.examples.volume;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line of the volume plugin.
 *
 * @param socket where to listen
 * @param root where the volumes live
 * @param specDir where to write {@code <name>.spec}, or null for no spec file
 * @param name the plugin name used for the spec file
 * @param help whether {@code --help} was given
 */
record Options(Path socket, Path root, Path specDir, String name, boolean help) {

  static final String USAGE = """
      Usage: java -jar volume-plugin.jar --socket PATH --root DIR [--spec-dir DIR [--name NAME]]

      A Docker volume plugin whose volumes are directories under DIR, served on a unix socket.

        --socket PATH    the unix socket to listen on (created 0600; a stale one is replaced)
        --root DIR       where volumes live: DIR/<volume>/data, DIR/<volume>/volume.json
        --spec-dir DIR   also write DIR/NAME.spec holding unix://PATH (removed on exit)
        --name NAME      the plugin name for the spec file (default: the socket's file name
                         without its extension)
        --help           show this help
      """;

  /** The spec directory, when a spec file is wanted. */
  Optional<Path> spec() {
    return Optional.ofNullable(specDir);
  }

  /**
   * Parses {@code args}; {@code --opt value} and {@code --opt=value} both work.
   *
   * @throws UsageException naming what is wrong
   */
  static Options parse(String[] args) throws UsageException {
    Path socket = null;
    Path root = null;
    Path specDir = null;
    String name = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return new Options(null, null, null, null, true);
      }
      String key = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        key = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      switch (key) {
        case "--socket", "--root", "--spec-dir", "--name" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException("option " + key + " needs a value");
            }
            value = args[++i];
          }
          if (value.isEmpty()) {
            throw new UsageException("option " + key + " needs a non-empty value");
          }
          switch (key) {
            case "--socket" -> socket = path(key, value);
            case "--root" -> root = path(key, value);
            case "--spec-dir" -> specDir = path(key, value);
            default -> name = value;
          }
        }
        default -> throw new UsageException(a.startsWith("-") ? "unknown option " + a
            : "unexpected argument '" + a + "'");
      }
    }
    if (socket == null) {
      throw new UsageException("missing --socket PATH");
    }
    if (root == null) {
      throw new UsageException("missing --root DIR");
    }
    if (name != null && specDir == null) {
      throw new UsageException("--name is used with --spec-dir");
    }
    if (specDir != null && name == null) {
      String file = socket.getFileName().toString();
      int dot = file.lastIndexOf('.');
      name = dot > 0 ? file.substring(0, dot) : file;
    }
    return new Options(socket.toAbsolutePath(), root.toAbsolutePath(), specDir, name, false);
  }

  private static Path path(String option, String value) throws UsageException {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException("option " + option + ": not a path: " + e.getMessage());
    }
  }

  /** A command line that cannot be used; exit status 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
