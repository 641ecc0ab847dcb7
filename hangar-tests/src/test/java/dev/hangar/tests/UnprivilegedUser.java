package dev.hangar.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * An ordinary user that a test running as root starts programs as: util-linux's
 * {@code setpriv --reuid=U --regid=G --clear-groups} (no supplementary groups, no capabilities
 * left), with only {@code PATH}, {@code HOME}, {@code XDG_RUNTIME_DIR} and {@code JAVA_HOME} in
 * its environment. {@code HOME} and {@code XDG_RUNTIME_DIR} are dirs the user owns (0700).
 *
 * @param uid the user's uid
 * @param gid its gid
 * @param home its {@code HOME}
 * @param runtimeDir its {@code XDG_RUNTIME_DIR}
 */
record UnprivilegedUser(long uid, long gid, Path home, Path runtimeDir) {
  /** {@code nobody}/{@code nogroup} on Debian. */
  static final long NOBODY = 65534;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Optional<String> rootlessRuncMissing;

  /**
   * User {@code nobody} (65534:65534) with {@code parent/home} and {@code parent/xdg} made for
   * it; {@code parent} (a {@link ShortTempDir}, 0700 root) is opened to traversal (0711).
   */
  static UnprivilegedUser nobody(Path parent) {
    try {
      Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    UnprivilegedUser u = new UnprivilegedUser(NOBODY, NOBODY, parent.resolve("home"),
        parent.resolve("xdg"));
    u.ownedDir(u.home);
    u.ownedDir(u.runtimeDir);
    return u;
  }

  /** Creates {@code dir} (0700) owned by this user; the dir. */
  Path ownedDir(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      chown(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("making " + dir + " for uid " + uid, e);
    }
  }

  /** Gives {@code path} and everything below it (links not followed) to this user. */
  void chownTree(Path path) {
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.toList()) {
        chown(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("chown of " + path, e);
    }
  }

  private void chown(Path p) throws IOException {
    Files.setAttribute(p, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
  }

  /** {@code argv} run as this user: the {@code setpriv} prefix, then {@code argv}. */
  List<String> command(List<String> argv) {
    List<String> c = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
        "--clear-groups", "--"));
    c.addAll(argv);
    return c;
  }

  /**
   * The whole environment of what runs as this user: the test's {@code PATH} (so the same
   * {@code runc} is found), {@code HOME}, {@code XDG_RUNTIME_DIR}, and {@code JAVA_HOME} (this
   * JVM's, for {@code ./hangar}).
   */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin"));
    env.put("HOME", home.toString());
    env.put("XDG_RUNTIME_DIR", runtimeDir.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return env;
  }

  /** Runs {@code argv} as this user in {@code dir} with {@link #env()}, within {@code limit}. */
  Command.Result run(Path dir, Duration limit, String... argv) {
    return Command.runWithEnvOnly(command(List.of(argv)), dir, env(), limit);
  }

  /**
   * The {@code Uid:} (or {@code Gid:}) line of {@code /proc/<pid>/status}: real, effective,
   * saved and filesystem ids; empty when the process is gone.
   */
  static List<Long> ids(long pid, String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(key + ":")) {
          return Stream.of(line.substring(key.length() + 1).trim().split("\\s+"))
              .map(Long::parseLong).toList();
        }
      }
      throw new AssertionError("/proc/" + pid + "/status has no " + key + " line");
    } catch (IOException gone) {
      return List.of();
    }
  }

  /**
   * Skips the test unless uid 65534 can run a container under rootless runc here: a busybox
   * rootfs and {@code runc spec --rootless} with a network namespace added (as Hangar keeps
   * one), run as that user. Probed once per test JVM. Also skips when that user cannot run
   * {@code ./hangar} (a checkout under a directory it cannot enter).
   */
  static synchronized void assumeRootlessRunc() {
    if (rootlessRuncMissing == null) {
      rootlessRuncMissing = probe();
    }
    Assumptions.assumeTrue(rootlessRuncMissing.isEmpty(),
        () -> "rootless runc cannot run here as uid " + NOBODY + ": "
            + rootlessRuncMissing.orElse(""));
  }

  private static Optional<String> probe() {
    Optional<Path> busybox = Stream.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"))
        .filter(Files::isExecutable).findFirst();
    if (busybox.isEmpty()) {
      return Optional.of("no busybox for the probe (apt-get install busybox-static)");
    }
    try (ShortTempDir tmp = new ShortTempDir()) {
      UnprivilegedUser u = nobody(tmp.path());
      Path launcher = HangarProcess.repo().resolve("hangar");
      Command.Result reach = u.run(tmp.path(), Duration.ofSeconds(10), "test", "-x",
          launcher.toString());
      if (reach.exitCode() != 0) {
        return Optional.of("it cannot run " + launcher + " (a directory above it is closed)");
      }
      Path bundle = tmp.resolve("bundle");
      Files.createDirectories(bundle.resolve("rootfs/bin"));
      Files.copy(busybox.get(), bundle.resolve("rootfs/bin/busybox"));
      u.chownTree(bundle);
      Command.Result spec = u.run(bundle, Duration.ofSeconds(30), "runc", "spec", "--rootless",
          "--bundle", bundle.toString());
      if (spec.exitCode() != 0) {
        return Optional.of(spec.describe());
      }
      ObjectNode config = (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());
      ObjectNode process = (ObjectNode) config.get("process");
      process.put("terminal", false);
      process.putArray("args").add("/bin/busybox").add("true");
      ((ArrayNode) config.at("/linux/namespaces")).addObject().put("type", "network");
      JSON.writeValue(bundle.resolve("config.json").toFile(), config);
      String state = u.runtimeDir.resolve("runc").toString();
      String id = "hangar-probe-" + ProcessHandle.current().pid();
      try {
        Command.Result run = u.run(bundle, Duration.ofSeconds(60), "runc", "--root", state,
            "run", "--bundle", bundle.toString(), id);
        return run.exitCode() == 0 ? Optional.empty() : Optional.of(run.describe());
      } finally {
        u.run(bundle, Duration.ofSeconds(30), "runc", "--root", state, "delete", "-f", id);
      }
    } catch (IOException e) {
      return Optional.of("the probe failed: " + e);
    }
  }
}
