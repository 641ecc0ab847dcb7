package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Go peers of the interop tests, built once per test JVM from {@code src/test/go} into
 * {@code target/go-bin} in GOPATH mode against Debian's moby sources
 * ({@code golang-github-docker-docker-dev} under {@code /usr/share/gocode}).
 *
 * <p>Without a Go toolchain or those sources the tests are skipped with a message, except when
 * the environment variable {@code CI} is set: then they fail, so CI cannot pass without them.
 */
final class GoPrograms {
  static final Path GOPATH = Path.of("/usr/share/gocode");
  static final Path MOBY_PLUGINS = GOPATH.resolve("src/github.com/docker/docker/pkg/plugins");

  private static Path built;

  private GoPrograms() {}

  /** Moby's {@code pkg/plugins} client, built as {@code dockerclient}. */
  static Path dockerClient() {
    return build().resolve("dockerclient");
  }

  /** Moby's Engine API client ({@code github.com/docker/docker/client}) as {@code engineclient}. */
  static Path engineClient() {
    return build().resolve("engineclient");
  }

  /** The Go volume plugin standing in for one built with docker/go-plugins-helpers. */
  static Path goVolume() {
    return build().resolve("govolume");
  }

  /**
   * The managed volume plugin {@code goplugin}, built static ({@code CGO_ENABLED=0}) so that it
   * runs alone in a plugin rootfs as {@code /bin/goplugin}.
   */
  static Path goPlugin() {
    return build().resolve("goplugin");
  }

  /**
   * Builds the programs once; skips or fails (under CI) when Go or moby's sources are missing.
   */
  static synchronized Path build() {
    if (built != null) {
      return built;
    }
    Optional<Path> go = findGo();
    boolean sources = Files.isDirectory(MOBY_PLUGINS);
    if (go.isEmpty() || !sources) {
      String missing = go.isEmpty()
          ? "the Go toolchain (apt-get install golang-go)"
          : "moby's Go sources at " + MOBY_PLUGINS
              + " (apt-get install golang-github-docker-docker-dev)";
      if (System.getenv("CI") != null) {
        throw new AssertionError("CI is set but " + missing + " is missing; .ci/run installs it");
      }
      Assumptions.abort("Go interop tests skipped: " + missing + " is not installed");
    }
    Path src = HangarProcess.repo().resolve("hangar-tests/src/test/go");
    Path out = HangarProcess.repo().resolve("hangar-tests/target/go-bin");
    Map<String, String> env = Map.of(
        "GO111MODULE", "off",
        "GOPATH", GOPATH.toString(),
        "GOFLAGS", "",
        "GOCACHE", HangarProcess.repo().resolve("hangar-tests/target/go-cache").toString());
    Map<String, String> staticEnv = new HashMap<>(env);
    staticEnv.put("CGO_ENABLED", "0");
    Map<String, Map<String, String>> programs = Map.of(
        "dockerclient", env, "engineclient", env, "govolume", env, "goplugin", staticEnv);
    for (String program : List.of("dockerclient", "engineclient", "govolume", "goplugin")) {
      Command.Result r = Command.run(
          List.of(go.get().toString(), "build", "-o", out.resolve(program).toString(),
              "./" + program),
          src, programs.get(program), Duration.ofMinutes(3));
      assertThat(r.exitCode()).as("go build %s\n%s", program, r.describe()).isZero();
    }
    built = out;
    return out;
  }

  /** {@code go} on the PATH, else Debian's install location. */
  static Optional<Path> findGo() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.concat(
            Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, "go")),
            Stream.of(Path.of("/usr/lib/go/bin/go"), Path.of("/usr/lib/go-1.19/bin/go")))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
