package dev.hangar.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code src/test/python/plugin.py}, a volume plugin written with Python's standard library
 * only, on a unix socket. Without {@code python3} the tests are skipped with a message, except
 * when the environment variable {@code CI} is set: then they fail.
 */
final class PythonPlugin {
  private PythonPlugin() {}

  /** {@code python3} on the PATH, else at /usr/bin. */
  static Path python() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    Optional<Path> found = Stream.concat(
            Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, "python3")),
            Stream.of(Path.of("/usr/bin/python3")))
        .filter(Files::isExecutable)
        .findFirst();
    if (found.isEmpty()) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("CI is set but python3 is missing; .ci/run installs it");
      }
      Assumptions.abort("Python plugin tests skipped: python3 is not installed");
    }
    return found.get();
  }

  /** Starts the plugin on {@code socket} with volumes under {@code root}, once it accepts calls. */
  static GoPeer start(Path socket, Path root) {
    Path script = HangarProcess.repo().resolve("hangar-tests/src/test/python/plugin.py");
    GoPeer peer = GoPeer.start("python plugin", List.of(python().toString(), script.toString(),
        "--socket", socket.toString(), "--root", root.toString()), Map.of("PYTHONUNBUFFERED", "1"));
    try {
      peer.awaitLine("listening ", Duration.ofSeconds(20));
      return peer.awaitSocket(socket, Duration.ofSeconds(20));
    } catch (RuntimeException | AssertionError e) {
      peer.close();
      throw e;
    }
  }
}
