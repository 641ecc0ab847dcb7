package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.testkit.MiniPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
  /** A fifth of the kills during start-up; the others after up to 3 operations and 150 ms. */
  private static final CrashLane.Timing TIMING = new CrashLane.Timing(20, 300, 3, 150);

  @TempDir Path tmp;

  @Test
  void killingTheOwnerAtRandomPointsNeverLeavesPartialStateOrStrayProcesses() throws Exception {
    MiniPackages.assumeRuntime();
    String trainTag = "crash-" + ProcessHandle.current().pid() + "-train";
    Path trainPkg = MiniPlugin.write(Files.createDirectories(tmp.resolve("pkg-train")),
        MiniPlugin.config("{\"Name\": \"MINI_TAG\", \"Value\": \"" + trainTag + "\"}"));
    Path jvmDir = Files.createDirectories(tmp.resolve("jvm"));
    CrashDriverJvm jvm = CrashDriverJvm.prepare(jvmDir, CrashDriver.class,
        List.of(jvmDir.resolve("train-root").toString(), trainPkg.toString(), "1", "train"));
    // Two roots side by side (two cores), ROUNDS kills in all.
    int[] earlyKills = new int[2];
    int[] enabledSeen = new int[2];
    try {
      CrashLane.inParallel(2, l -> lane(jvm, l, ROUNDS / 2, earlyKills, enabledSeen));
    } finally {
      System.out.println("crash drivers ran with a class-data archive once made: "
          + jvm.awaitTraining());
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
    List<String> marks = CrashLane.marks(root);
    earlyKills[lane] = CrashLane.run(jvm, marks,
        seed -> List.of(root.toString(), pkg.toString(), seed), new Random(SEED + lane), rounds,
        TIMING, (ready, where) -> enabledSeen[lane] += checkRestart(root, tag, ready, where),
        CrashLane.reopen(CrashDriver.settings(root)), "lane " + lane);
    check(root, tag, rounds); // the last kill, checked by a last owner
    CrashLane.assertNoOrphans(marks, "lane " + lane + " after the last kill");
  }

  /**
   * Checks what a driver found when it opened the root after a kill: no unreadable state, no
   * partial plugin, nothing failed or half-started, one process per enabled plugin.
   */
  private static int checkRestart(Path root, String tag, String ready, String where)
      throws IOException {
    String[] f = ready.split(" ");
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

  /** The plugin directories, each checked whole ({@link RootChecks#pluginDirs}) and runnable. */
  private static List<String> pluginDirs(Path root, String where) throws IOException {
    List<String> dirs = RootChecks.pluginDirs(root, where);
    for (String id : dirs) {
      assertThat(RootChecks.managed(root).resolve(id).resolve("rootfs/bin/mini")).as(where)
          .isExecutable();
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
