package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.registry.Digest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
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

  /** An image on the registry, as the checks need it. */
  private record Image(String ref, Digest manifest, List<String> layers, byte[] big) {}

  private final Map<String, Image> images = new HashMap<>();
  /** Every blob pushed, by hex digest, for the partial downloads' check. */
  private final Map<String, byte[]> blobs = new HashMap<>();
  private final AtomicInteger partialsSeen = new AtomicInteger();

  @Test
  void killingThePullingOwnerAtRandomPointsLeavesNothingPartialAndRetriesReuseVerifiedBlobs()
      throws Exception {
    System.out.println("PullCrashSafetyTest seed " + SEED + " (-Dhangar.crashSeed=" + SEED + ")");
    pushImages();
    String address = REGISTRY.server().address();
    Path jvmDir = Files.createDirectories(tmp.resolve("jvm"));
    CrashDriverJvm jvm = CrashDriverJvm.prepare(jvmDir, PullCrashDriver.class,
        List.of(jvmDir.resolve("train-root").toString(), address, "1", "train"));
    int[] early = new int[2];
    try {
      CrashLane.inParallel(2, lane -> {
        Path root = Files.createDirectories(tmp.resolve("root" + lane));
        Set<String> verified = new HashSet<>();
        early[lane] = CrashLane.run(jvm, seed -> List.of(root.toString(), address, seed),
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
            }, () -> { }, "lane " + lane);
        retryAfterTheLastKill(root, "lane " + lane + " after the last kill");
        assertThat(processesNaming(root)).as("lane %d: processes left", lane).isEmpty();
      });
    } finally {
      System.out.println("pull crash drivers ran with a class-data archive once made: "
          + jvm.awaitTraining() + "; rounds that found a partial blob: " + partialsSeen);
    }
    assertThat(early[0] + early[1]).as("some kills during start-up").isPositive();
  }

  /** Two images, each with a big layer of its own, sharing a small one. */
  private void pushImages() throws IOException {
    byte[] shared = new PluginImages.Layer().dir("etc").file("etc/motd", "shared\n").gzip();
    Random random = new Random(SEED);
    for (String ref : PullCrashDriver.references(REGISTRY.server().address())) {
      byte[] big = new byte[BIG];
      random.nextBytes(big);
      byte[] own = new PluginImages.Layer().dir("bin").file("bin/p", big).gzip();
      PluginImages.Pushed p = PluginImages.push(REGISTRY.client(), tmp.resolve("work"),
          Reference.parse(ref), PluginImages.CONFIG, List.of(own, shared));
      images.put(ref, new Image(ref, p.manifest(), p.layers().stream().map(Digest::hex).toList(),
          big));
      blobs.put(p.layers().get(0).hex(), own);
      blobs.put(p.layers().get(1).hex(), shared);
      blobs.put(p.config().hex(), PluginImages.CONFIG.getBytes(StandardCharsets.UTF_8));
    }
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
      Image img = images.get(p[1]);
      assertThat(img).as("%s: an unknown plugin", where).isNotNull();
      assertThat(p[2]).as("%s: its manifest", where).isEqualTo(img.manifest().toString());
      Path rootfs = RootChecks.managed(root).resolve(p[0]).resolve("rootfs");
      assertThat(Files.readAllBytes(rootfs.resolve("bin/p"))).as("%s: its rootfs", where)
          .isEqualTo(img.big());
      assertThat(rootfs.resolve("etc/motd")).as(where).hasContent("shared");
      assertThat(verified).as("%s: its blobs are kept", where).containsAll(img.layers())
          .contains(img.manifest().hex());
    }
    assertThat(ids).as(where).containsExactlyInAnyOrderElementsOf(dirs);
    checkPartials(root, where);
    return verified;
  }

  /** Every partial download is a true prefix of the blob it is named after. */
  private void checkPartials(Path root, String where) throws IOException {
    Path sha = RootChecks.managed(root).resolve("blobs").resolve(Digest.ALGORITHM);
    if (!Files.isDirectory(sha)) {
      return;
    }
    boolean seen = false;
    try (Stream<Path> s = Files.list(sha)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".partial")).toList()) {
        String hex = p.getFileName().toString().replace(".partial", "");
        byte[] whole = blobs.get(hex);
        assertThat(whole).as("%s: a partial of an unknown blob %s", where, hex).isNotNull();
        byte[] part = Files.readAllBytes(p);
        assertThat(part.length).as(where).isLessThanOrEqualTo(whole.length);
        assertThat(part).as("%s: %s is a prefix of its blob", where, p)
            .isEqualTo(Arrays.copyOf(whole, part.length));
        seen = true;
      }
    }
    if (seen) {
      partialsSeen.incrementAndGet();
    }
  }

  /** The first pull after a kill fetched none of the layers the store had verified. */
  private void checkReuse(String done, Set<String> verified, String where) {
    String[] f = done.split(" ");
    if (!f[1].equals("pull")) {
      return;
    }
    long there = images.get(f[2]).layers().stream().filter(verified::contains).count();
    assertThat(Long.parseLong(f[3])).as("%s: layers reused", where).isEqualTo(there);
  }

  /** The last kill, checked by an owner in this JVM, which then pulls what is missing. */
  private void retryAfterTheLastKill(Path root, String where) throws IOException {
    try (RegistryClient client = PullCrashDriver.client(root);
        ManagedPlugins m = ManagedPlugins.open(PullCrashDriver.settings(root, client))) {
      Set<String> before = checkRoot(root, PullCrashDriver.ready(m), where);
      Set<String> verified = new HashSet<>(before);
      for (Image img : images.values()) {
        if (m.find(img.ref()).isEmpty()) {
          checkReuse("done pull " + img.ref() + " " + PullCrashDriver.pull(m, img.ref()),
              verified, where);
          verified.addAll(img.layers()); // the next image's shared layer is here now
        }
      }
      Set<String> after = checkRoot(root, PullCrashDriver.ready(m), where + ", retried");
      assertThat(m.list()).as(where).hasSize(images.size());
      assertThat(after).as(where).containsAll(before);
    }
  }

  /** Live processes whose command line names {@code root} (a runtime call, a driver). */
  private static List<Long> processesNaming(Path root) throws IOException {
    List<Long> out = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> s = Files.list(Path.of("/proc"))) {
      for (Path p : s.toList()) {
        String pid = p.getFileName().toString();
        if (!pid.chars().allMatch(Character::isDigit) || Long.parseLong(pid) == self) {
          continue;
        }
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")),
              StandardCharsets.ISO_8859_1);
          if (cmd.contains(root.toString())) {
            out.add(Long.parseLong(pid));
          }
        } catch (IOException e) {
          // gone meanwhile
        }
      }
    }
    return out;
  }
}
