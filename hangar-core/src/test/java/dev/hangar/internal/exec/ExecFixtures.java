package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Shell-script exec plugins in a temporary directory, and domains declaring them. */
final class ExecFixtures {
  /** Short enough to keep tests fast, long enough for a loaded machine. */
  static final Duration GRACE = Duration.ofMillis(300);
  static final ExecSettings FAST = ExecSettings.DEFAULTS.withTermGrace(GRACE);

  private ExecFixtures() {}

  /** Writes {@code dir/name} as a {@code /bin/sh} script with {@code body}, executable. */
  static Path script(Path dir, String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  static ExecDomain domain(String name, Path path, String... exports) {
    return builder(name, path, exports).build();
  }

  static Builder builder(String name, Path path, String... exports) {
    return new Builder(name, path, List.of(exports));
  }

  /** Polls {@code condition} until it holds or 10 s passed. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  /** Reads a file, "" when it does not exist. */
  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static final class Builder {
    private final String name;
    private final Path path;
    private final List<String> exports;
    private boolean queue;
    private boolean processGroup;
    private Duration timeout = Duration.ofSeconds(20);
    private int maxRestart;
    private Map<String, String> env = Map.of();
    private String sha256;

    Builder(String name, Path path, List<String> exports) {
      this.name = name;
      this.path = path;
      this.exports = exports;
    }

    Builder processGroup() {
      this.processGroup = true;
      return this;
    }

    Builder queue() {
      this.queue = true;
      return this;
    }

    Builder timeout(Duration t) {
      this.timeout = t;
      return this;
    }

    Builder maxRestart(int n) {
      this.maxRestart = n;
      return this;
    }

    Builder env(Map<String, String> e) {
      this.env = e;
      return this;
    }

    Builder sha256(String hex) {
      this.sha256 = hex;
      return this;
    }

    ExecDomain build() {
      return new ExecDomain(name, path, exports, queue, processGroup, timeout, maxRestart, env,
          sha256, null,
          path.resolveSibling(".plugin.toml"), 1);
    }
  }
}
