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
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the registry paths by killing: a process owning the managed plugins
 * ({@link PullCrashDriver}) pulls plugins from Debian's real registry and removes them, and is
 * killed with SIGKILL at seeded random points (while a blob downloads, a layer is unpacked, the
 * plugin is committed, a removal collects blobs, or the root is opened), 60 times on two roots.
 * After each kill the next owner must load the state, find every plugin either absent or whole
 * and as its saved state says, no staging or temporary file, and only blobs that verify (a
 * partial download being a true prefix of its blob, never counted as one); and its first pull
 * must reuse every layer the store verified, without fetching it again.
 *
 * <p>The seed is printed; {@code -Dhangar.crashSeed=N} replays one.
 */
class PullCrashSafetyTest {
  private static final int ROUNDS = 60;
  private static final long SEED = Long.getLong("hangar.crashSeed", 20261202L);
  private static final int BIG = 4 << 20;
  /** Some kills during start-up; the others after up to 2 operations and 120 ms. */
  private static final CrashLane.Timing TIMING = new CrashLane.Timing(15, 400, 2, 120);

  @RegisterExtension static final LoopbackRegistry REGISTRY = new LoopbackRegistry();

  @TempDir Path tmp;

  private CrashImages images;

  @Test
  void killingThePullingOwnerAtRandomPointsLeavesNothingPartialAndRetriesReuseVerifiedBlobs()
      throws Exception {
    System.out.println("PullCrashSafetyTest seed " + SEED + " (-Dhangar.crashSeed=" + SEED + ")");
    String address = REGISTRY.server().address();
    // Two images, each with a big layer of its own, sharing a small one.
    images = CrashImages.push(REGISTRY.client(), tmp.resolve("work"),
        PullCrashDriver.references(address), ref -> PluginImages.CONFIG, new Random(SEED), BIG);
    Path jvmDir = Files.createDirectories(tmp.resolve("jvm"));
    CrashDriverJvm jvm = CrashDriverJvm.prepare(jvmDir, PullCrashDriver.class,
        List.of(jvmDir.resolve("train-root").toString(), address, "1", "train"));
    int[] early = new int[2];
    try {
      CrashLane.inParallel(2, lane -> {
        Path root = Files.createDirectories(tmp.resolve("root" + lane));
        List<String> marks = CrashLane.marks(root);
        Set<String> verified = new HashSet<>();
        early[lane] = CrashLane.run(jvm, marks, seed -> List.of(root.toString(), address, seed),
            new Random(SEED + lane), ROUNDS / 2, TIMING, new CrashLane.Checks() {
              @Override
              public void ready(String line, String where) throws IOException {
                verified.clear();
                verified.addAll(checkRoot(root, line, where));
              }

              @Override
              public void done(String line, int n, String where) {
                if (n == 0) {
                  checkReuse(line, verified, where);
                }
              }
            }, CrashLane.reopen(ManagedSettings.defaults(root)), "lane " + lane);
        retryAfterTheLastKill(root, "lane " + lane + " after the last kill");
        CrashLane.assertNoOrphans(marks, "lane " + lane + " after the last kill");
      });
    } finally {
      System.out.println("pull crash drivers ran with a class-data archive once made: "
          + jvm.awaitTraining() + "; rounds that found a partial blob: " + images.partialsSeen());
    }
    assertThat(early[0] + early[1]).as("some kills during start-up").isPositive();
  }

  /**
   * Checks a root as an owner found it after a kill ({@code ready <problems> <n> <id>=<name>=
   * <manifest>...}); returns the verified blobs.
   */
  private Set<String> checkRoot(Path root, String ready, String where) throws IOException {
    String[] f = ready.split(" ");
    assertThat(f[1]).as("%s: unreadable state", where).isEqualTo("0");
    List<String> dirs = RootChecks.pluginDirs(root, where);
    assertThat(Integer.parseInt(f[2])).as(where).isEqualTo(dirs.size());
    Set<String> verified = new HashSet<>(RootChecks.verifiedBlobs(root, true, where));
    List<String> ids = new ArrayList<>();
    for (String entry : Arrays.asList(f).subList(3, f.length)) {
      String[] p = entry.split("=");
      ids.add(p[0]);
      images.checkPlugin(root, p[0], p[1], p[2], verified, where);
    }
    assertThat(ids).as(where).containsExactlyInAnyOrderElementsOf(dirs);
    images.checkPartials(root, where);
    return verified;
  }

  /** The first pull after a kill fetched none of the layers the store had verified. */
  private void checkReuse(String done, Set<String> verified, String where) {
    String[] f = done.split(" ");
    if (f[1].equals("pull")) {
      images.checkReuse(f[2], Long.parseLong(f[3]), verified, where);
    }
  }

  /** The last kill, checked by an owner in this JVM, which then pulls what is missing. */
  private void retryAfterTheLastKill(Path root, String where) throws IOException {
    try (RegistryClient client = PullCrashDriver.client(root);
        ManagedPlugins m = ManagedPlugins.open(PullCrashDriver.settings(root, client))) {
      Set<String> before = checkRoot(root, PullCrashDriver.ready(m), where);
      Set<String> verified = new HashSet<>(before);
      for (CrashImages.Image img : images.all()) {
        if (m.find(img.ref()).isEmpty()) {
          checkReuse("done pull " + img.ref() + " " + PullCrashDriver.pull(m, img.ref()),
              verified, where);
          verified.addAll(img.layers()); // the next image's shared layer is here now
        }
      }
      Set<String> after = checkRoot(root, PullCrashDriver.ready(m), where + ", retried");
      assertThat(m.list()).as(where).hasSize(images.all().size());
      assertThat(after).as(where).containsAll(before);
    }
  }
}
