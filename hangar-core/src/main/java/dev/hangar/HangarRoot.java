package dev.hangar;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Hangar keeps its own files. The root is, in order of precedence: an explicit directory
 * (the CLI's {@code --root}), the environment variable {@code HANGAR_ROOT},
 * {@code $XDG_DATA_HOME/hangar}, and {@code ~/.local/share/hangar}.
 *
 * <p>Under the root, {@code sockets/} is the default socket directory and {@code specs/} the
 * default spec directory (see {@link DiscoveryDirs#defaults(Path)}).
 *
 * @since 0.1
 */
public final class HangarRoot {
  /** The environment variable naming the root. */
  public static final String ENV = "HANGAR_ROOT";

  private HangarRoot() {}

  /**
   * Resolves the root directory. Empty environment values count as unset; a relative
   * {@code XDG_DATA_HOME} is ignored, as the XDG specification asks. The result is absolute; the
   * directory is not created.
   *
   * @param explicit a directory given explicitly, e.g. by {@code --root}
   * @param env the environment, usually {@link System#getenv()}
   * @return the absolute, normalized root
   */
  public static Path resolve(Optional<Path> explicit, Map<String, String> env) {
    Objects.requireNonNull(explicit, "explicit");
    Objects.requireNonNull(env, "env");
    if (explicit.isPresent()) {
      return absolute(explicit.get());
    }
    String root = env.get(ENV);
    if (root != null && !root.isBlank()) {
      return absolute(Path.of(root));
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return absolute(Path.of(xdg, "hangar"));
    }
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return absolute(Path.of(home, ".local", "share", "hangar"));
  }

  private static Path absolute(Path p) {
    return p.toAbsolutePath().normalize();
  }
}
