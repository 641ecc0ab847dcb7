package dev.hangar.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Docker plugin packages of a minimal test plugin, {@code miniplugin.c} (a resource of this
 * JAR, built static with gcc once per JVM): {@code config.json} and a rootfs with
 * {@code /bin/mini} and a static busybox. Running it in containers needs root, runc, gcc and busybox ({@link #missing}). It answers
 * {@code Plugin.Activate} (VolumeDriver), {@code Mini.Env} and {@code Mini.Exit}; see the C
 * source for its environment knobs.
 */
public final class MiniPlugin {
  private static Path binary;

  private MiniPlugin() {}

  /**
   * What is missing to build and run the mini plugin in runc containers (root, runc, gcc,
   * busybox), or empty when nothing is. Tests skip on it, and fail when {@code CI} is set.
   */
  public static Optional<String> missing() {
    if (!isRoot()) {
      return Optional.of("root");
    }
    for (String cmd : List.of("runc", "gcc")) {
      if (!onPath(cmd)) {
        return Optional.of(cmd);
      }
    }
    return busybox().isPresent() ? Optional.empty() : Optional.of("busybox-static");
  }

  public static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.substring(4).trim().split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
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
      try (java.io.InputStream in = MiniPlugin.class.getResourceAsStream("/miniplugin.c")) {
        Files.copy(java.util.Objects.requireNonNull(in, "miniplugin.c on the class path"), src);
      }
      Path out = dir.resolve("miniplugin");
      Process p = new ProcessBuilder("gcc", "-static", "-O2", "-o", out.toString(),
          src.toString()).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("gcc could not build the mini plugin: " + log);
      }
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

  /** A config whose entrypoint is a shell command line (no quotes or backslashes in it). */
  public static String shellConfig(String script) {
    if (script.contains("\"") || script.contains("\\")) {
      throw new IllegalArgumentException("no quotes or backslashes: " + script);
    }
    return """
        {"Description": "shell test plugin",
         "Interface": {"Types": ["docker.volumedriver/1.0"], "Socket": "mini.sock"},
         "Entrypoint": ["/bin/sh", "-c", %s]}
        """.formatted("\"" + script + "\"");
  }

  /** The pids of every running mini plugin (its executable is {@code /bin/mini}). */
  public static List<Long> miniProcesses() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/bin/mini")).orElse(false))
        .map(ProcessHandle::pid).toList();
  }

  /**
   * The pids of the mini plugins whose container's root mount lies under {@code dir} (a test's
   * temporary dir): other tests on the machine may be running theirs at the same time.
   */
  public static List<Long> miniProcesses(Path dir) {
    String under;
    try {
      under = " " + dir.toRealPath() + "/";
    } catch (IOException e) {
      return List.of(); // no such dir: nothing runs from it
    }
    return miniProcesses().stream().filter(pid -> {
      try {
        return Files.readString(Path.of("/proc", Long.toString(pid), "mountinfo"))
            .contains(under);
      } catch (IOException e) {
        return false; // gone meanwhile
      }
    }).toList();
  }
}
