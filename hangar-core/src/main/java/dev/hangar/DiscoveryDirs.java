package dev.hangar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The directories searched for plugins, each list in search order: socket directories hold
 * {@code <name>.sock} unix sockets, spec directories hold {@code <name>.spec} and
 * {@code <name>.json} files. Paths are made absolute. Directories that do not exist are skipped.
 *
 * @param socketDirs where sockets are looked for, first to last
 * @param specDirs where spec and JSON files are looked for, first to last
 * @since 0.1
 */
public record DiscoveryDirs(List<Path> socketDirs, List<Path> specDirs) {
  /** Docker's socket directory. */
  public static final Path DOCKER_SOCKET_DIR = Path.of("/run/docker/plugins");

  /** Docker's spec directories (Linux), in Docker's order. */
  public static final List<Path> DOCKER_SPEC_DIRS =
      List.of(Path.of("/etc/docker/plugins"), Path.of("/usr/lib/docker/plugins"));

  /** Copies the lists and makes every path absolute. */
  public DiscoveryDirs {
    socketDirs = absolute(socketDirs, "socketDirs");
    specDirs = absolute(specDirs, "specDirs");
  }

  /** Hangar's defaults under {@code root}: {@code <root>/sockets} and {@code <root>/specs}. */
  public static DiscoveryDirs defaults(Path root) {
    return new DiscoveryDirs(List.of(root.resolve("sockets")), List.of(root.resolve("specs")));
  }

  /** Docker's own directories only. */
  public static DiscoveryDirs docker() {
    return new DiscoveryDirs(List.of(DOCKER_SOCKET_DIR), DOCKER_SPEC_DIRS);
  }

  /** A copy with Docker's directories appended (those already present are not repeated). */
  public DiscoveryDirs withDockerDirs() {
    return new DiscoveryDirs(
        append(socketDirs, List.of(DOCKER_SOCKET_DIR)), append(specDirs, DOCKER_SPEC_DIRS));
  }

  /**
   * The directories the CLI's options describe. Explicit socket (or spec) directories replace the
   * default socket (or spec) directory under the root; {@code dockerDirs} appends Docker's.
   *
   * @param root {@code --root}, see {@link HangarRoot#resolve}
   * @param socketDirs every {@code --socket-dir}, possibly none
   * @param specDirs every {@code --spec-dir}, possibly none
   * @param dockerDirs {@code --docker-dirs}
   * @param env the environment, usually {@link System#getenv()}
   * @return the directories to search
   */
  public static DiscoveryDirs resolve(Optional<Path> root, List<Path> socketDirs,
      List<Path> specDirs, boolean dockerDirs, Map<String, String> env) {
    DiscoveryDirs defaults = defaults(HangarRoot.resolve(root, env));
    DiscoveryDirs dirs = new DiscoveryDirs(
        socketDirs.isEmpty() ? defaults.socketDirs() : socketDirs,
        specDirs.isEmpty() ? defaults.specDirs() : specDirs);
    return dockerDirs ? dirs.withDockerDirs() : dirs;
  }

  private static List<Path> absolute(List<Path> dirs, String what) {
    Objects.requireNonNull(dirs, what);
    List<Path> out = new ArrayList<>(dirs.size());
    for (Path p : dirs) {
      out.add(Objects.requireNonNull(p, what + " element").toAbsolutePath().normalize());
    }
    return List.copyOf(out);
  }

  private static List<Path> append(List<Path> first, List<Path> more) {
    List<Path> out = new ArrayList<>(first);
    for (Path p : more) {
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }
}
