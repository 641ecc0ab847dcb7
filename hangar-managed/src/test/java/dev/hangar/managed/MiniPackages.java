package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Packages of the test plugin {@code src/test/c/miniplugin.c} (built static with gcc once per
 * JVM): {@code config.json} and a rootfs with {@code /bin/mini} and a static busybox. Tests that
 * run containers need root and runc: they are skipped without them, and fail when {@code CI} is
 * set.
 */
final class MiniPackages {
  private static Path binary;

  private MiniPackages() {}

  /** Skips (or fails under CI) unless runc, gcc and root are available. */
  static void assumeRuntime() {
    boolean ok = isRoot() && onPath("runc") && onPath("gcc") && busybox().isPresent();
    if (!ok && System.getenv("CI") != null) {
      throw new AssertionError("CI is set but root, runc, gcc or busybox is missing");
    }
    Assumptions.assumeTrue(ok, "needs root, runc, gcc and busybox-static");
  }

  static boolean isRoot() {
    return dev.hangar.managed.internal.runtime.HostIds.isRoot();
  }

  private static boolean onPath(String cmd) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, cmd))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", cmd));
  }

  private static Optional<Path> busybox() {
    return List.of(Path.of("/usr/bin/busybox"), Path.of("/bin/busybox")).stream()
        .filter(Files::isExecutable).findFirst();
  }

  /** The static test plugin, built once. */
  static synchronized Path binary() throws IOException, InterruptedException {
    if (binary == null) {
      Path out = Path.of("target", "miniplugin").toAbsolutePath();
      Process p = new ProcessBuilder("gcc", "-static", "-O2", "-o", out.toString(),
          Path.of("src/test/c/miniplugin.c").toAbsolutePath().toString())
          .redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("gcc: %s", log).isZero();
      binary = out;
    }
    return binary;
  }

  /**
   * Writes a package into {@code dir}: {@code config} as config.json, and a rootfs holding
   * {@code /bin/mini}, {@code /bin/busybox} and {@code /bin/sh}.
   */
  static Path write(Path dir, String config) throws IOException, InterruptedException {
    Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
    for (String d : List.of("bin", "proc", "sys", "dev", "etc", "tmp", "run/docker/plugins")) {
      Files.createDirectories(rootfs.resolve(d));
    }
    Files.writeString(rootfs.resolve("etc/hosts"), "");
    Files.writeString(rootfs.resolve("etc/resolv.conf"), "");
    Files.copy(binary(), rootfs.resolve("bin/mini"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(busybox().orElseThrow(), rootfs.resolve("bin/busybox"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(rootfs.resolve("bin/mini"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(rootfs.resolve("bin/busybox"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
    Files.writeString(dir.resolve("config.json"), config);
    return dir;
  }

  /** A config running {@code /bin/mini} with extra env entries (JSON objects). */
  static String config(String... env) {
    return """
        {"Description": "mini test plugin", "Documentation": "",
         "Interface": {"Types": ["docker.volumedriver/1.0"], "Socket": "mini.sock"},
         "Entrypoint": ["/bin/mini"], "WorkDir": "/", "Network": {"Type": ""},
         "Env": [{"Name": "MINI_ECHO", "Settable": ["value"], "Value": "hello"}%s],
         "Args": {"Name": "", "Settable": null, "Value": null},
         "Linux": {"Capabilities": null}, "Mounts": null}
        """.formatted(env.length == 0 ? "" : ", " + String.join(", ", env));
  }

  /** A config whose entrypoint is a shell command line. */
  static String shellConfig(String script) {
    return """
        {"Description": "shell test plugin",
         "Interface": {"Types": ["docker.volumedriver/1.0"], "Socket": "mini.sock"},
         "Entrypoint": ["/bin/sh", "-c", %s]}
        """.formatted(com.fasterxml.jackson.databind.node.TextNode.valueOf(script).toString());
  }
}
