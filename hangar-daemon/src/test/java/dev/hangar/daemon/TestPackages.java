package dev.hangar.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Plugin packages for the daemon's tests, as tars the way {@code docker plugin create} sends
 * them. The runnable one is hangar-managed's test plugin ({@code miniplugin.c}, built static with
 * gcc); tests that run it need root, runc, gcc and busybox, are skipped without them, and fail
 * when {@code CI} is set.
 */
final class TestPackages {
  private static final Path MINI_SOURCE = Path.of("../hangar-managed/src/test/c/miniplugin.c");
  private static final Path BUSYBOX = Path.of("/usr/bin/busybox");
  private static Path mini;

  private TestPackages() {}

  /** A package that is never run: a config with one settable env and a placeholder rootfs. */
  static Path inert(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("rootfs/bin"));
    Files.writeString(dir.resolve("rootfs/bin/plugin"), "#!/bin/sh\n");
    Files.writeString(dir.resolve("config.json"), """
        {"Description":"an inert volume plugin","Entrypoint":["/bin/plugin"],
         "Interface":{"Types":["docker.volumedriver/1.0"],"Socket":"inert.sock"},
         "Network":{"Type":"host"},
         "Env":[{"Name":"DEBUG","Settable":["value"],"Value":"0"}]}
        """);
    return dir;
  }

  /**
   * hangar-managed's test plugin: answers {@code Plugin.Activate} (VolumeDriver) and
   * {@code Mini.Env} ({@code "hello"}), prints a line on stdout and one on stderr at start.
   */
  static Path mini(Path dir) throws IOException, InterruptedException {
    Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
    for (String d : List.of("bin", "proc", "sys", "dev", "etc", "tmp", "run/docker/plugins")) {
      Files.createDirectories(rootfs.resolve(d));
    }
    Files.writeString(rootfs.resolve("etc/hosts"), "");
    Files.writeString(rootfs.resolve("etc/resolv.conf"), "");
    Files.copy(miniBinary(), rootfs.resolve("bin/mini"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"), StandardCopyOption.REPLACE_EXISTING);
    for (String f : List.of("bin/mini", "bin/busybox")) {
      Files.setPosixFilePermissions(rootfs.resolve(f), PosixFilePermissions.fromString(
          "rwxr-xr-x"));
    }
    Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
    Files.writeString(dir.resolve("config.json"), """
        {"Description": "mini test plugin",
         "Interface": {"Types": ["docker.volumedriver/1.0"], "Socket": "mini.sock"},
         "Entrypoint": ["/bin/mini"], "WorkDir": "/",
         "Env": [{"Name": "MINI_ECHO", "Settable": ["value"], "Value": "hello"}]}
        """);
    return dir;
  }

  /** The package directory as a tar of {@code config.json} and {@code rootfs/}. */
  static byte[] tar(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("tar", "-C", dir.toString(), "-cf", "-", "config.json",
        "rootfs").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return out;
  }

  /** Skips (or fails under CI) unless the mini plugin can be built and run. */
  static void assumeRuntime() {
    boolean ok = "root".equals(System.getProperty("user.name")) && onPath("runc")
        && onPath("gcc") && Files.isExecutable(BUSYBOX) && Files.isRegularFile(MINI_SOURCE);
    if (!ok && System.getenv("CI") != null) {
      throw new AssertionError("CI is set but root, runc, gcc, busybox or miniplugin.c is"
          + " missing");
    }
    Assumptions.assumeTrue(ok, "needs root, runc, gcc, busybox-static and miniplugin.c");
  }

  private static boolean onPath(String cmd) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, cmd))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", cmd));
  }

  private static synchronized Path miniBinary() throws IOException, InterruptedException {
    if (mini == null) {
      Path out = Path.of("target", "miniplugin").toAbsolutePath();
      Process p = new ProcessBuilder("gcc", "-static", "-O2", "-o", out.toString(),
          MINI_SOURCE.toAbsolutePath().toString()).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("gcc: %s", log).isZero();
      mini = out;
    }
    return mini;
  }
}
