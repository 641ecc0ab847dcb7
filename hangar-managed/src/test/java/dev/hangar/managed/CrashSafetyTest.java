package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.testkit.MiniPlugin;
import dev.hangar.managed.internal.ref.PluginIds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>So that 200 owners fit in about a minute, each driver JVM is started while the one before
 * it still runs (it waits for {@code open} before it touches the root) and boots from a
 * class-data archive ({@link CrashDriverJvm}).
 */
class CrashSafetyTest {
  private static final int ROUNDS = 200;
  private static final long SEED = 20261201L;

  @TempDir Path tmp;

  @Test
  void killingTheOwnerAtRandomPointsNeverLeavesPartialStateOrStrayProcesses() throws Exception {
    MiniPackages.assumeRuntime();
    String trainTag = "crash-" + ProcessHandle.current().pid() + "-train";
    Path trainPkg = MiniPlugin.write(Files.createDirectories(tmp.resolve("pkg-train")),
        MiniPlugin.config("{\"Name\": \"MINI_TAG\", \"Value\": \"" + trainTag + "\"}"));
    CrashDriverJvm jvm = CrashDriverJvm.prepare(Files.createDirectories(tmp.resolve("jvm")),
        trainPkg);
    // Two roots side by side (two cores), ROUNDS kills in all.
    List<Thread> lanes = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    int[] earlyKills = new int[2];
    int[] enabledSeen = new int[2];
    try {
      for (int lane = 0; lane < 2; lane++) {
        int l = lane;
        lanes.add(Thread.ofPlatform().name("crash-lane-" + l).start(() -> {
          try {
            lane(jvm, l, ROUNDS / 2, earlyKills, enabledSeen);
          } catch (Throwable t) {
            failures.add(t);
          }
        }));
      }
      for (Thread t : lanes) {
        t.join();
      }
    } finally {
      System.out.println("crash drivers ran with a class-data archive once made: "
          + jvm.awaitTraining());
    }
    if (!failures.isEmpty()) {
      AssertionError e = new AssertionError("a crash lane failed: " + failures.get(0),
          failures.get(0));
      failures.stream().skip(1).forEach(e::addSuppressed);
      throw e;
    }
    assertThat(tagged(trainTag)).as("plugins left by the training run").isEmpty();
    assertThat(earlyKills[0] + earlyKills[1]).as("some kills during start-up").isPositive();
    assertThat(enabledSeen[0] + enabledSeen[1]).as("some rounds found enabled plugins")
        .isPositive();
  }

  private void lane(CrashDriverJvm jvm, int lane, int rounds, int[] earlyKills,
      int[] enabledSeen) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root" + lane));
    String tag = "crash-" + ProcessHandle.current().pid() + "-" + lane;
    Path pkg = MiniPlugin.write(Files.createDirectories(tmp.resolve("pkg" + lane)),
        MiniPlugin.config("{\"Name\": \"MINI_TAG\", \"Value\": \"" + tag + "\"}"));
    Random random = new Random(SEED + lane);
    Process next = jvm.start(root, pkg, Long.toString(random.nextLong()));
    Process driver = null;
    try {
      for (int round = 0; round < rounds; round++) {
        driver = next;
        next = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
            java.io.Writer in = new java.io.OutputStreamWriter(driver.getOutputStream(),
                StandardCharsets.UTF_8)) {
          in.write("open\n");
          in.flush();
          if (round + 1 < rounds) { // boots meanwhile, and waits for its "open"
            next = jvm.start(root, pkg, Long.toString(random.nextLong()));
          }
          if (random.nextInt(10) < 2) {
            earlyKills[lane]++;
            Thread.sleep(random.nextInt(300)); // during start-up: lock, load, cleanup, restore
          } else {
            // The driver has just opened the root after the previous kill: check what it found.
            String ready = out.readLine();
            assertThat(ready).as("lane %d round %d: first line", lane, round)
                .startsWith("ready ");
            enabledSeen[lane] += checkRestart(root, tag, ready, lane, round);
            in.write("go\n");
            in.flush();
            int ops = random.nextInt(4); // let it get through some operations, then a bit more
            for (int i = 0; i < ops; i++) {
              assertThat(out.readLine()).isEqualTo("done");
            }
            Thread.sleep(random.nextInt(150));
          }
          driver.destroyForcibly();
          assertThat(driver.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
      }
    } catch (Throwable t) {
      cleanUpAfterFailure(root, driver, next);
      throw t;
    }
    check(root, tag, rounds); // the last kill, checked by a last owner
  }

  /** After a failed round: no driver left, and what the root runs stopped as far as it can be. */
  private static void cleanUpAfterFailure(Path root, Process... drivers) {
    for (Process d : drivers) {
      if (d != null) {
        d.destroyForcibly();
      }
    }
    try {
      for (Process d : drivers) {
        if (d != null) {
          d.waitFor(10, TimeUnit.SECONDS);
        }
      }
      ManagedPlugins.open(CrashDriver.settings(root)).close();
    } catch (InterruptedException | RuntimeException e) {
      // the failure being reported matters more
    }
  }

  /**
   * Checks what a driver found when it opened the root after a kill: no unreadable state, no
   * partial plugin, nothing failed or half-started, one process per enabled plugin.
   */
  private int checkRestart(Path root, String tag, String ready, int lane, int round)
      throws IOException {
    String[] f = ready.split(" ");
    String where = "lane " + lane + " round " + round + ": " + ready;
    assertThat(f[1]).as("%s: unreadable state", where).isEqualTo("0");
    List<String> dirs = pluginDirs(root, where);
    assertThat(Integer.parseInt(f[2])).as(where).isEqualTo(dirs.size());
    List<String> states = List.of(f).subList(4, f.length);
    assertThat(states).as("%s: no plugin failed or half-started", where)
        .allMatch(s -> s.endsWith("=ENABLED") || s.endsWith("=DISABLED"));
    assertThat(states).extracting(s -> s.substring(0, s.indexOf('=')))
        .containsExactlyInAnyOrderElementsOf(dirs);
    int enabled = Integer.parseInt(f[3]);
    assertThat(tagged(tag)).as("%s: one process per enabled plugin", where).hasSize(enabled);
    return enabled;
  }

  /** The plugin directories, each checked whole; leftovers other than an empty tmp/ fail. */
  private static List<String> pluginDirs(Path root, String where) throws IOException {
    List<String> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.list(root.resolve("managed"))) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.equals(".lock") || name.equals("tmp") && isEmptyDir(p)) {
          continue;
        }
        assertThat(PluginIds.isFullId(name)).as("%s: leftover %s", where, name).isTrue();
        assertThat(p.resolve("config.json")).isRegularFile();
        assertThat(p.resolve("rootfs/bin/mini")).isExecutable();
        dirs.add(name);
      }
    }
    return dirs;
  }

  /** Opens the root as the next owner would and checks it. */
  private void check(Path root, String tag, int round) throws IOException {
    try (ManagedPlugins m = ManagedPlugins.open(CrashDriver.settings(root))) {
      String where = "after round " + round;
      assertThat(m.problems()).as("%s: unreadable state", where).isEmpty();
      List<String> dirs = pluginDirs(root, where);
      List<ManagedPlugin> plugins = m.list();
      assertThat(plugins).extracting(ManagedPlugin::id).as(where)
          .containsExactlyInAnyOrderElementsOf(dirs);
      long enabled = plugins.stream().filter(p -> p.state() == ManagedState.ENABLED).count();
      assertThat(plugins).as("%s: no plugin failed or half-started", where)
          .allMatch(p -> p.state() == ManagedState.ENABLED
              || p.state() == ManagedState.DISABLED);
      assertThat(tagged(tag)).as("%s: one process per enabled plugin", where)
          .hasSize((int) enabled);
    } finally {
      assertThat(tagged(tag)).as("after round %d: none once closed", round).isEmpty();
    }
  }

  private static boolean isEmptyDir(Path p) throws IOException {
    try (Stream<Path> s = Files.list(p)) {
      return s.findAny().isEmpty();
    }
  }

  /** The live mini plugins whose environment carries {@code MINI_TAG=tag}. */
  static List<Long> tagged(String tag) {
    List<Long> out = new ArrayList<>();
    for (long pid : MiniPlugin.miniProcesses()) {
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
