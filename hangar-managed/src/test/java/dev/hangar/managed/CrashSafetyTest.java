package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.managed.internal.ref.PluginIds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety by killing: a process owning the managed plugins ({@link CrashDriver}) is killed
 * with SIGKILL at seeded random points of create, set, enable, disable and rm, 200 times; after
 * each kill the next owner must load every plugin, find nothing partial, and run exactly one
 * process for each plugin it enabled again, none for the others.
 */
class CrashSafetyTest {
  private static final int ROUNDS = 200;
  private static final long SEED = 20261201L;

  @TempDir Path tmp;

  static ManagedSettings settings(Path root) {
    return ManagedSettings.defaults(root).withStartTimeout(Duration.ofSeconds(10))
        .withStopGrace(Duration.ofMillis(500));
  }

  @Test
  void killingTheOwnerAtRandomPointsNeverLeavesPartialStateOrStrayProcesses() throws Exception {
    MiniPackages.assumeRuntime();
    // Two roots side by side (two cores), ROUNDS kills in all.
    List<Thread> lanes = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    int[] earlyKills = new int[2];
    int[] enabledSeen = new int[2];
    for (int lane = 0; lane < 2; lane++) {
      int l = lane;
      lanes.add(Thread.ofPlatform().name("crash-lane-" + l).start(() -> {
        try {
          lane(l, ROUNDS / 2, earlyKills, enabledSeen);
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    for (Thread t : lanes) {
      t.join();
    }
    if (!failures.isEmpty()) {
      AssertionError e = new AssertionError("a crash lane failed: " + failures.get(0), failures.get(0));
      failures.stream().skip(1).forEach(e::addSuppressed);
      throw e;
    }
    assertThat(earlyKills[0] + earlyKills[1]).as("some kills during start-up").isPositive();
    assertThat(enabledSeen[0] + enabledSeen[1]).as("some rounds found enabled plugins")
        .isPositive();
  }

  private void lane(int lane, int rounds, int[] earlyKills, int[] enabledSeen)
      throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root" + lane));
    String tag = "crash-" + ProcessHandle.current().pid() + "-" + lane;
    Path pkg = MiniPackages.write(Files.createDirectories(tmp.resolve("pkg" + lane)),
        MiniPackages.config("{\"Name\": \"MINI_TAG\", \"Value\": \"" + tag + "\"}"));
    Random random = new Random(SEED + lane);
    for (int round = 0; round < rounds; round++) {
      Process driver = driver(root, pkg, random.nextLong());
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
        if (random.nextInt(10) < 2) {
          earlyKills[lane]++;
          Thread.sleep(random.nextInt(300)); // during start-up: lock, load, cleanup, restore
        } else {
          assertThat(out.readLine()).as("lane %d round %d: first line", lane, round)
              .isEqualTo("ready");
          int ops = random.nextInt(4); // let it get through some operations, then a bit more
          for (int i = 0; i < ops; i++) {
            assertThat(out.readLine()).isEqualTo("done");
          }
          Thread.sleep(random.nextInt(150));
        }
        driver.destroyForcibly();
        assertThat(driver.waitFor(10, TimeUnit.SECONDS)).isTrue();
      }
      enabledSeen[lane] += check(root, tag, round);
    }
  }

  /** Opens the root as the next owner would and checks it; returns how many were enabled. */
  private int check(Path root, String tag, int round) throws IOException, InterruptedException {
    try (ManagedPlugins m = ManagedPlugins.open(settings(root))) {
      assertThat(m.problems()).as("round %d: unreadable state", round).isEmpty();
      List<String> dirs = new ArrayList<>();
      try (Stream<Path> s = Files.list(root.resolve("managed"))) {
        for (Path p : s.toList()) {
          String name = p.getFileName().toString();
          if (name.equals(".lock") || name.equals("tmp") && isEmptyDir(p)) {
            continue;
          }
          assertThat(PluginIds.isFullId(name)).as("round %d: leftover %s", round, name).isTrue();
          assertThat(p.resolve("config.json")).isRegularFile();
          assertThat(p.resolve("rootfs/bin/mini")).isExecutable();
          dirs.add(name);
        }
      }
      List<ManagedPlugin> plugins = m.list();
      assertThat(plugins).extracting(ManagedPlugin::id).as("round %d", round)
          .containsExactlyInAnyOrderElementsOf(dirs);
      long enabled = plugins.stream().filter(p -> p.state() == ManagedState.ENABLED).count();
      assertThat(plugins).as("round %d: no plugin failed or half-started", round)
          .allMatch(p -> p.state() == ManagedState.ENABLED
              || p.state() == ManagedState.DISABLED);
      assertThat(tagged(tag)).as("round %d: one process per enabled plugin", round)
          .hasSize((int) enabled);
      return (int) enabled;
    } finally {
      assertThat(tagged(tag)).as("round %d: none once closed", round).isEmpty();
    }
  }

  private static boolean isEmptyDir(Path p) throws IOException {
    try (Stream<Path> s = Files.list(p)) {
      return s.findAny().isEmpty();
    }
  }

  private static Process driver(Path root, Path pkg, long seed) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    // A class-data archive made by the first driver and used by the others: start-up is most of
    // a round.
    Path archive = Path.of("target", "crash-driver.jsa").toAbsolutePath();
    return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive,
        "-Xlog:disable", "-Xlog:all=off", "-cp", System.getProperty("java.class.path"),
        CrashDriver.class.getName(), root.toString(), pkg.toString(), Long.toString(seed))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** The live mini plugins whose environment carries {@code MINI_TAG=tag}. */
  static List<Long> tagged(String tag) {
    List<Long> out = new ArrayList<>();
    for (long pid : MiniPackages.miniProcesses()) {
      try {
        String env = Files.readString(Path.of("/proc", Long.toString(pid), "environ"),
            StandardCharsets.ISO_8859_1);
        if (env.contains("MINI_TAG=" + tag)) {
          out.add(pid);
        }
      } catch (IOException e) {
        // gone meanwhile
      }
    }
    return out;
  }
}
