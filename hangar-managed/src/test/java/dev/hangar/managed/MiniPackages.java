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
 * Packages of the test plugin {@code miniplugin.c} (a test resource, built static with gcc once
 * per JVM; hangar-core's tests use it too, through this module's test JAR): {@code config.json} and a rootfs with {@code /bin/mini} and a static busybox. Tests that
 * run containers need root and runc: they are skipped without them, and fail when {@code CI} is
 * set.
 */
public final class MiniPackages {
  private static Path binary;

  private MiniPackages() {}

  /** Skips (or fails under CI) unless runc, gcc and root are available. */
  public static void assumeRuntime() {
    boolean ok = isRoot() && onPath("runc") && onPath("gcc") && busybox().isPresent();
    if (!ok && System.getenv("CI") != null) {
      throw new AssertionError("CI is set but root, runc, gcc or busybox is missing");
    }
    Assumptions.assumeTrue(ok, "needs root, runc, gcc and busybox-static");
  }

  public static boolean isRoot() {
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
  public static synchronized Path binary() throws IOException, InterruptedException {
    if (binary == null) {
      Path dir = Files.createTempDirectory("hangar-miniplugin");
      dir.toFile().deleteOnExit();
      Path src = dir.resolve("miniplugin.c");
      try (java.io.InputStream in = MiniPackages.class.getResourceAsStream("/miniplugin.c")) {
        Files.copy(java.util.Objects.requireNonNull(in, "miniplugin.c on the class path"), src);
      }
      Path out = dir.resolve("miniplugin");
      Process p = new ProcessBuilder("gcc", "-static", "-O2", "-o", out.toString(),
          src.toString()).redirectErrorStream(true).start();
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
  public static Path write(Path dir, String config) throws IOException, InterruptedException {
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
  public static String config(String... env) {
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
  public static String shellConfig(String script) {
    return """
        {"Description": "shell test plugin",
         "Interface": {"Types": ["docker.volumedriver/1.0"], "Socket": "mini.sock"},
         "Entrypoint": ["/bin/sh", "-c", %s]}
        """.formatted(com.fasterxml.jackson.databind.node.TextNode.valueOf(script).toString());
  }

  /** The pids of every running mini plugin (its executable is {@code /bin/mini}). */
  public static List<Long> miniProcesses() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/bin/mini")).orElse(false))
        .map(ProcessHandle::pid).toList();
  }
}
