package dev.hangar.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs {@code ./hangar} from the repository root as a user would, and captures what it prints. */
final class HangarProcess {
  /** What one run gave. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private HangarProcess() {}

  /** The repository root, passed by failsafe as {@code hangar.repo}. */
  static Path repo() {
    String r = System.getProperty("hangar.repo");
    Path p = r == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(r);
    if (!Files.isExecutable(p.resolve("hangar"))) {
      throw new IllegalStateException("no ./hangar launcher under " + p);
    }
    return p;
  }

  /** The example volume plugin's jar, built by the reactor before this module. */
  static Path volumePluginJar() {
    return repo().resolve("examples/volume-plugin/target/volume-plugin.jar");
  }

  /** Runs {@code ./hangar args...} with {@code HANGAR_ROOT=root} and the given stdin. */
  static Result run(Path root, String stdin, String... args) {
    Command.Result r = Command.hangarWithInput(root, stdin, args);
    return new Result(r.exitCode(), r.stdout(), r.stderr());
  }

  /** Starts the example volume plugin on {@code socket}, its volumes under {@code volumes}. */
  static Process startVolumePlugin(Path socket, Path volumes) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-jar", volumePluginJar().toString(),
        "--socket", socket.toString(), "--root", volumes.toString())
        .redirectErrorStream(true)
        .redirectOutput(volumes.resolveSibling(volumes.getFileName() + ".log").toFile())
        .start();
  }
}
