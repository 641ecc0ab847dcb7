package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of upgrades by killing: a process owning the managed plugins
 * ({@link UpgradeCrashDriver}) installs a plugin from Debian's real registry, then sets its
 * setting and upgrades it (disabled) from one tag to the other, over and over (a second plugin,
 * never changed, holds the second tag's blobs), and is killed with SIGKILL at seeded random
 * points (while the new version downloads or unpacks, once its rootfs is moved in, at the
 * commit, while the old rootfs goes, while the old blobs are collected, or while the root is
 * opened), 40 times on two roots. After each kill the next owner must load the state and find
 * the plugin absent (before its first install) or one version whole: its reference, manifest,
 * config and rootfs all of the same tag; its setting as last set, never back to a default; the
 * second plugin as installed; no staging, temporary file or upgrade leftover; only blobs that
 * verify, the plugins' all kept; no process left; and the first fetch (a pull, an upgrade) must
 * reuse every layer the store verified. The test prints how many rounds found an upgrade's
 * staging (the kill before landed between the new rootfs's move and the old one's removal).
 *
 * <p>The seed is printed; {@code -Dhangar.crashSeed=N} replays one.
 */
class UpgradeCrashSafetyTest {
  private static final int ROUNDS = 40;
  private static final long SEED = Long.getLong("hangar.crashSeed", 20261203L);
  /**
   * Each version's own layer: small, so that the commit and the old rootfs's removal (a few
   * fsyncs and renames) are a good part of an upgrade, and some kills land there.
   */
  private static final int BIG = 256 << 10;
  /** Some kills during start-up; the others after up to 2 operations and 250 ms. */
  private static final CrashLane.Timing TIMING = new CrashLane.Timing(15, 400, 2, 250);

  @RegisterExtension static final LoopbackRegistry REGISTRY = new LoopbackRegistry();

  @TempDir Path tmp;

  private List<String> refs;
  /** Each version's config description, which its config must carry. */
  private final Map<String, String> descriptions = new ConcurrentHashMap<>();
  private CrashImages images;
  /** How many rounds found each thing an upgrade stages ({@link UpgradeCrashDriver#left}). */
  private final Map<String, AtomicInteger> leftSeen = new ConcurrentHashMap<>();

  /** What a lane knows of its root between rounds. */
  private static final class Lane {
    /** The setting's value as last seen: found at a restart or set since. */
    long setting;
    /** The blobs the store verified when the round's owner opened the root. */
    final Set<String> verified = new HashSet<>();
    /** Whether the round's owner fetched (pulled or upgraded) already. */
    boolean fetched;
  }

  @Test
  void killingTheUpgradingOwnerAtRandomPointsLeavesOneVersionWholeWithItsSettings()
      throws Exception {
    System.out.println("UpgradeCrashSafetyTest seed " + SEED + " (-Dhangar.crashSeed=" + SEED
        + ")");
    String address = REGISTRY.server().address();
    refs = UpgradeCrashDriver.references(address);
    // Version 2's default differs: an upgrade that reset the setting would show.
    descriptions.put(refs.get(0), "version-1");
    descriptions.put(refs.get(1), "version-2");
    images = CrashImages.push(REGISTRY.client(), tmp.resolve("work"), refs, ref -> {
      String c = PluginImages.CONFIG.replace("test plugin", descriptions.get(ref));
      return ref.equals(refs.get(1)) ? c.replace("\"Value\":\"0\"", "\"Value\":\"two\"") : c;
    }, new Random(SEED), BIG);
    Path jvmDir = Files.createDirectories(tmp.resolve("jvm"));
    CrashDriverJvm jvm = CrashDriverJvm.prepare(jvmDir, UpgradeCrashDriver.class,
        List.of(jvmDir.resolve("train-root").toString(), address, "1", "train"));
    int[] early = new int[2];
    try {
      CrashLane.inParallel(2, l -> {
        Path root = Files.createDirectories(tmp.resolve("root" + l));
        List<String> marks = CrashLane.marks(root);
        Lane lane = new Lane();
        early[l] = CrashLane.run(jvm, marks, seed -> List.of(root.toString(), address, seed),
            new Random(SEED + l), ROUNDS / 2, TIMING, new CrashLane.Checks() {
              @Override
              public void ready(String line, String where) throws IOException {
                checkRoot(root, line, lane, where);
              }

              @Override
              public void done(String line, int n, String where) {
                checkDone(line, lane, where);
              }
            }, CrashLane.reopen(ManagedSettings.defaults(root)), "lane " + l);
        upgradeAfterTheLastKill(root, lane, "lane " + l + " after the last kill");
        CrashLane.assertNoOrphans(marks, "lane " + l + " after the last kill");
      });
    } finally {
      System.out.println("upgrade crash drivers ran with a class-data archive once made: "
          + jvm.awaitTraining() + "; rounds that found an upgrade's staging: " + leftSeen
          + "; a partial blob: " + images.partialsSeen());
    }
    assertThat(early[0] + early[1]).as("some kills during start-up").isPositive();
  }

  /**
   * Checks a root as an owner found it after a kill ({@code ready <problems> <left> <n>
   * <id>=<name>=<reference>=<manifest>=<description>=<setting>...}), and keeps what the
   * round's operations are checked against.
   */
  private void checkRoot(Path root, String ready, Lane lane, String where) throws IOException {
    String[] f = ready.split(" ");
    assertThat(f[1]).as("%s: unreadable state", where).isEqualTo("0");
    for (String left : f[2].equals("-") ? List.<String>of() : List.of(f[2].split(","))) {
      leftSeen.computeIfAbsent(left, k -> new AtomicInteger()).incrementAndGet();
    }
    List<String> dirs = RootChecks.pluginDirs(root, where);
    assertThat(Integer.parseInt(f[3])).as(where).isEqualTo(dirs.size());
    Set<String> verified = new HashSet<>(RootChecks.verifiedBlobs(root, true, where));
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String entry : Arrays.asList(f).subList(4, f.length)) {
      String[] p = entry.split("=");
      ids.add(p[0]);
      names.add(p[1]);
      images.checkPlugin(root, p[0], p[2], p[3], verified, where);
      assertThat(p[4]).as("%s: its config is its version's", where)
          .isEqualTo(descriptions.get(p[2]));
      if (p[1].equals(refs.get(1))) { // the second plugin, never changed
        assertThat(p[2]).as(where).isEqualTo(refs.get(1));
        assertThat(p[5]).as(where).isEqualTo("two");
        continue;
      }
      assertThat(p[5]).as("%s: its setting", where).matches("[0-9]+");
      assertThat(Long.parseLong(p[5])).as("%s: its setting, kept", where)
          .isGreaterThanOrEqualTo(lane.setting);
      lane.setting = Long.parseLong(p[5]);
    }
    assertThat(ids).as(where).containsExactlyInAnyOrderElementsOf(dirs);
    assertThat(refs.subList(0, names.size())).as("%s: installed in order", where)
        .containsExactlyInAnyOrderElementsOf(names);
    images.checkPartials(root, where);
    lane.verified.clear();
    lane.verified.addAll(verified);
    lane.fetched = false;
  }

  /**
   * Checks an operation's {@code done} line: a set is one more than the setting was; the
   * round's first fetch fetched none of the layers the store had verified.
   */
  private void checkDone(String done, Lane lane, String where) {
    String[] f = done.split(" ");
    if (f[1].equals("set")) {
      assertThat(Long.parseLong(f[2])).as(where).isEqualTo(lane.setting + 1);
      lane.setting = Long.parseLong(f[2]);
    } else if (!lane.fetched) {
      images.checkReuse(f[2], Long.parseLong(f[3]), lane.verified, where);
      lane.fetched = true;
    }
  }

  /**
   * The last kill, checked by an owner in this JVM, which then installs the plugin if need be,
   * sets it and upgrades it: the upgrade after a kill succeeds, and keeps the setting.
   */
  private void upgradeAfterTheLastKill(Path root, Lane lane, String where) throws IOException {
    String left = UpgradeCrashDriver.left(root);
    try (RegistryClient client = PullCrashDriver.client(root);
        ManagedPlugins m = ManagedPlugins.open(PullCrashDriver.settings(root, client))) {
      checkRoot(root, UpgradeCrashDriver.ready(m, left), lane, where);
      for (String ref : refs) {
        if (m.find(ref).isEmpty()) {
          checkDone("done pull " + ref + " " + PullCrashDriver.pull(m, ref), lane, where);
        }
      }
      ManagedPlugin p = m.inspect(refs.get(0));
      long next = Long.parseLong(UpgradeCrashDriver.setting(p)) + 1;
      m.set(p.id(), List.of(UpgradeCrashDriver.SETTING + "=" + next));
      checkDone("done set " + next, lane, where);
      String to = refs.get(p.pluginReference().equals(refs.get(0)) ? 1 : 0);
      m.upgrade(p.id(), PullRequest.of(to, List.of()), x -> { });
      ManagedPlugin up = m.inspect(p.id());
      assertThat(up.pluginReference()).as(where).isEqualTo(to);
      assertThat(UpgradeCrashDriver.setting(up)).as(where).isEqualTo(Long.toString(next));
      checkRoot(root, UpgradeCrashDriver.ready(m, "-"), lane, where + ", upgraded");
    }
  }
}
