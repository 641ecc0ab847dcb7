package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Exec plugins written for core0 with core0's own Go helper library, built for the tests.
 *
 * <p>core0's library ({@code github.com/g8os/core0/base/plugin}) cannot be fetched here, so a
 * stand-in with its exact wire behaviour ({@code src/test/go/core0/plugin}, see its package doc)
 * is copied to that import path in a temporary GOPATH ({@code target/core0-gopath}); the plugin
 * sources ({@code src/test/go/core0/version}, core0's README example unchanged, and {@code
 * src/test/go/core0/testplugin}) are then built in GOPATH mode with only the standard library
 * besides it. Only the Go toolchain is needed: without it the calling test is skipped, or fails
 * when the environment variable {@code CI} is set (as {@link GoPrograms} does).
 */
final class Core0Plugins {
  /** core0's import path of its plugin helper library. */
  static final String IMPORT_PATH = "github.com/g8os/core0/base/plugin";

  private static Path versionBinary;
  private static Path testBinary;

  private Core0Plugins() {}

  /**
   * core0's README example ({@code version} returns {@code "1.0alpha"}), built once per test JVM
   * into {@code target/go-bin/core0-version}.
   */
  static synchronized Path versionPlugin() {
    if (versionBinary == null) {
      versionBinary = build("version", target().resolve("go-bin/core0-version"));
    }
    return versionBinary;
  }

  /**
   * The test plugin (methods {@code version}, {@code echo}, {@code fail}, {@code panic}, {@code
   * log}; see {@code src/test/go/core0/testplugin/main.go}), built once per test JVM into {@code
   * target/go-bin/core0-testplugin}.
   */
  static synchronized Path testPlugin() {
    if (testBinary == null) {
      testBinary = build("testplugin", target().resolve("go-bin/core0-testplugin"));
    }
    return testBinary;
  }

  /**
   * Builds the plugin source directory {@code program} ({@code "version"} or {@code
   * "testplugin"}) into {@code binary} (its parent is created) and returns {@code binary}.
   */
  static synchronized Path build(String program, Path binary) {
    Optional<Path> go = GoPrograms.findGo();
    if (go.isEmpty()) {
      String missing = "the Go toolchain (apt-get install golang-go)";
      if (System.getenv("CI") != null) {
        throw new AssertionError("CI is set but " + missing + " is missing; .ci/run installs it");
      }
      Assumptions.abort("core0 plugin tests skipped: " + missing + " is not installed");
    }
    Path sources = HangarProcess.repo().resolve("hangar-tests/src/test/go/core0");
    Path gopath = gopath(sources.resolve("plugin/plugin.go"));
    try {
      Files.createDirectories(binary.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = Map.of(
        "GO111MODULE", "off",
        "GOPATH", gopath.toString(),
        "GOFLAGS", "",
        "GOCACHE", target().resolve("go-cache").toString());
    Command.Result r = Command.run(
        List.of(go.get().toString(), "build", "-o", binary.toAbsolutePath().toString(),
            "."),
        sources.resolve(program), env, Duration.ofMinutes(3));
    assertThat(r.exitCode()).as("go build %s\n%s", program, r.describe()).isZero();
    return binary;
  }

  /** A GOPATH holding only the stand-in library at core0's import path. */
  private static Path gopath(Path library) {
    Path gopath = target().resolve("core0-gopath");
    Path dir = gopath.resolve("src").resolve(IMPORT_PATH);
    try {
      Files.createDirectories(dir);
      Files.copy(library, dir.resolve("plugin.go"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gopath;
  }

  private static Path target() {
    return HangarProcess.repo().resolve("hangar-tests/target");
  }
}
