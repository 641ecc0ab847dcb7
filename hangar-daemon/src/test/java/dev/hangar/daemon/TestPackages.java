package dev.hangar.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.managed.MiniPackages;
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
   * hangar-managed's test plugin ({@link MiniPackages}): answers {@code Plugin.Activate}
   * (VolumeDriver) and {@code Mini.Env} ({@code "hello"}), prints a line on stdout and one on
   * stderr at start.
   */
  static Path mini(Path dir) throws IOException, InterruptedException {
    return MiniPackages.write(dir, MiniPackages.config());
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
    MiniPackages.assumeRuntime();
  }
}
