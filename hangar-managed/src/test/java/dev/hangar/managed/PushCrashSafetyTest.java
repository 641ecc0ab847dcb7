package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.internal.store.AtomicFiles;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.internal.Json;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.ImageManifest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.RegistryException;
import dev.hangar.registry.Repository;
import dev.hangar.testkit.registry.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of pushes by killing: a process owning the managed plugins
 * ({@link PushCrashDriver}) pushes them (one pulled from the registry, one created from a
 * package) to Debian's real registry, in turn, and is killed with SIGKILL at seeded random
 * points (while the created plugin's layer is built, a blob uploads, the manifest is put, or
 * the root is opened), 40 times on two roots, each with a registry of its own, which half the
 * rounds empty (stopped first, so no request of a killed owner is still being served). After each kill the next owner must load the local state unchanged (a push
 * never alters a plugin: its state file the same bytes, its rootfs the same files; only a
 * created plugin's first push records, once, the image it built) with only blobs that verify and
 * no process left; on the registry each plugin's tag must be absent or name the plugin's own
 * manifest, whose config and layers all download and verify; and the next push must succeed.
 * The test prints how many tags it found absent and how many uploads a kill cut off.
 *
 * <p>The seed is printed; {@code -Dhangar.crashSeed=N} replays one.
 */
class PushCrashSafetyTest {
  private static final int ROUNDS = 40;
  private static final long SEED = Long.getLong("hangar.crashSeed", 20261204L);
  private static final int BIG = 4 << 20;
  /**
   * Some kills during start-up; the others after 1 (so every push after a kill is checked) or 2
   * pushes and up to 150 ms.
   */
  private static final CrashLane.Timing TIMING = new CrashLane.Timing(15, 400, 1, 2, 150);
  /** The state fields of a plugin's image, which a created plugin's first push sets. */
  private static final List<String> IMAGE_FIELDS = List.of("Config", "Blobsums", "Manifest");

  @TempDir Path tmp;

  private final AtomicInteger absentSeen = new AtomicInteger();
  private final AtomicInteger cutOffSeen = new AtomicInteger();
  private final AtomicInteger emptied = new AtomicInteger();

  /** One lane's root and registry, and what the checks hold them to. */
  private static final class Lane {
    final Path root;
    final RegistryServer registry;
    /** Each plugin's state file as it must be, by ID. */
    final Map<String, byte[]> states = new HashMap<>();
    /** Each plugin's rootfs as it must be ({@link #files}), by ID. */
    final Map<String, Map<String, String>> rootfs = new HashMap<>();
    /** The plugin created from a package, whose first push records its image. */
    String made;
    /** The uploads left on the registry that were seen already. */
    final Set<String> uploads = new HashSet<>();

    Lane(Path root, RegistryServer registry) {
      this.root = root;
      this.registry = registry;
    }
  }

  @Test
  void killingThePushingOwnerAtRandomPointsLeavesTheLocalStateAndNoPartialTag() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    System.out.println("PushCrashSafetyTest seed " + SEED + " (-Dhangar.crashSeed=" + SEED + ")");
    List<RegistryServer> registries = new ArrayList<>();
    try {
      for (String r : List.of("registry0", "registry1", "registry-train")) {
        registries.add(RegistryServer.builder(tmp.resolve(r)).start());
      }
      Path jvmDir = Files.createDirectories(tmp.resolve("jvm"));
      CrashDriverJvm jvm = CrashDriverJvm.prepare(jvmDir, PushCrashDriver.class,
          List.of(jvmDir.resolve("train-root").toString(), "1", "train",
              pkg(tmp.resolve("pkg-train"), new Random(1)).toString(),
              registries.get(2).address()));
      int[] early = new int[2];
      try {
        CrashLane.inParallel(2, l -> {
          Lane lane = setUp(l, registries.get(l));
          List<String> marks = CrashLane.marks(lane.root);
          Random emptying = new Random(SEED + 10 + l);
          early[l] = CrashLane.run(jvm, marks,
              seed -> List.of(lane.root.toString(), seed), new Random(SEED + l), ROUNDS / 2,
              TIMING, new CrashLane.Checks() {
                @Override
                public void ready(String line, String where) throws Exception {
                  checkLocal(lane, line, where);
                  absentSeen.addAndGet(names(lane).size() - checkRegistry(lane, where));
                  if (uploadsCutOff(lane)) {
                    cutOffSeen.incrementAndGet();
                  }
                  if (emptying.nextBoolean()) {
                    empty(lane, where);
                  }
                }

                @Override
                public void done(String line, int n, String where) throws IOException {
                  checkPushed(lane, line, where);
                }
              }, CrashLane.reopen(ManagedSettings.defaults(lane.root)), "lane " + l);
          pushAfterTheLastKill(lane, "lane " + l + " after the last kill");
          CrashLane.assertNoOrphans(marks, "lane " + l + " after the last kill");
        });
      } finally {
        System.out.println("push crash drivers ran with a class-data archive once made: "
            + jvm.awaitTraining() + "; tags found absent: " + absentSeen
            + "; rounds that found a blob upload cut off: " + cutOffSeen
            + "; registries emptied: " + emptied);
      }
      assertThat(early[0] + early[1]).as("some kills during start-up").isPositive();
    } finally {
      registries.forEach(RegistryServer::close);
    }
  }

  /** A package: {@code config.json}, a big random {@code bin/p} and {@code etc/motd}. */
  private static Path pkg(Path dir, Random random) throws IOException {
    byte[] big = new byte[BIG];
    random.nextBytes(big);
    Files.createDirectories(dir.resolve("rootfs/bin"));
    Files.createDirectories(dir.resolve("rootfs/etc"));
    Files.writeString(dir.resolve("config.json"), PluginImages.CONFIG);
    Files.write(dir.resolve("rootfs/bin/p"), big);
    Files.writeString(dir.resolve("rootfs/etc/motd"), "made\n");
    return dir;
  }

  /**
   * A lane's root, as this JVM leaves it before the kills: a plugin pulled from the lane's
   * registry and one created from a package, named for it, neither pushed yet.
   */
  private Lane setUp(int l, RegistryServer server) throws IOException {
    Lane lane = new Lane(Files.createDirectories(tmp.resolve("root" + l)), server);
    String pulled = server.address() + "/crash/pulled:1";
    String made = server.address() + "/crash/made:1";
    try (RegistryClient client = PullCrashDriver.client(tmp)) {
      CrashImages.push(client, tmp.resolve("work" + l), List.of(pulled),
          ref -> PluginImages.CONFIG, new Random(SEED + l), BIG);
      try (ManagedPlugins m = ManagedPlugins.open(PullCrashDriver.settings(lane.root, client))) {
        PullCrashDriver.pull(m, pulled);
        lane.made = m.create(made, pkg(tmp.resolve("pkg" + l), new Random(SEED + 20 + l))).id();
        for (ManagedPlugin p : m.list()) {
          lane.states.put(p.id(), Files.readAllBytes(stateFile(lane, p.id())));
          lane.rootfs.put(p.id(), files(RootChecks.managed(lane.root).resolve(p.id())
              .resolve("rootfs")));
        }
      }
    }
    return lane;
  }

  private static Path stateFile(Lane lane, String id) {
    return RootChecks.managed(lane.root).resolve(id).resolve("config.json");
  }

  /**
   * Checks the root as an owner found it after a kill ({@code ready <problems> <n>
   * <id>=<name>=<manifest>...}): the plugins as set up, their state files and rootfs
   * unchanged (but for a created plugin's image, recorded once), their blobs there.
   */
  private void checkLocal(Lane lane, String ready, String where) throws IOException {
    String[] f = ready.split(" ");
    assertThat(f[1]).as("%s: unreadable state", where).isEqualTo("0");
    assertThat(RootChecks.pluginDirs(lane.root, where)).as(where)
        .containsExactlyInAnyOrderElementsOf(lane.states.keySet());
    Set<String> verified = Set.copyOf(RootChecks.verifiedBlobs(lane.root, false, where));
    List<String> ids = new ArrayList<>();
    for (String entry : Arrays.asList(f).subList(3, f.length)) {
      String[] p = entry.split("=");
      ids.add(p[0]);
      byte[] state = Files.readAllBytes(stateFile(lane, p[0]));
      if (!Arrays.equals(state, lane.states.get(p[0]))) {
        assertThat(p[0]).as("%s: the state of %s changed", where, p[1]).isEqualTo(lane.made);
        assertThat(withoutImage(state)).as("%s: its first push changed but its image", where)
            .isEqualTo(withoutImage(lane.states.get(p[0])));
        assertThat(image(lane.states.get(p[0]))).as("%s: an image recorded again", where)
            .isEmpty();
        lane.states.put(p[0], state); // recorded: from now on, as it is
      }
      Optional<List<String>> image = image(state);
      assertThat(p[2]).as("%s: the image loaded is the one saved", where)
          .isEqualTo(image.map(i -> i.get(0)).orElse("none"));
      image.ifPresent(i -> assertThat(verified).as("%s: its blobs are kept", where)
          .containsAll(i.stream().map(d -> d.substring(d.indexOf(':') + 1)).toList()));
      assertThat(files(RootChecks.managed(lane.root).resolve(p[0]).resolve("rootfs")))
          .as("%s: the rootfs of %s", where, p[1]).isEqualTo(lane.rootfs.get(p[0]));
    }
    assertThat(ids).as(where).containsExactlyInAnyOrderElementsOf(lane.states.keySet());
  }

  /** A state file's JSON without its image's digests. */
  private static JsonNode withoutImage(byte[] state) throws IOException {
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(state);
    root.remove(IMAGE_FIELDS);
    return root;
  }

  /** A state file's image: its manifest, config and layer digests, when it records one. */
  private static Optional<List<String>> image(byte[] state) throws IOException {
    JsonNode root = Json.MAPPER.readTree(state);
    if (root.path("Manifest").asText("").isEmpty()) {
      return Optional.empty();
    }
    List<String> digests = new ArrayList<>(List.of(root.path("Manifest").asText(),
        root.path("Config").asText()));
    root.path("Blobsums").forEach(b -> digests.add(b.asText()));
    return Optional.of(digests);
  }

  /** The plugin's image as its state file records it: manifest, config, layers. */
  private Optional<List<String>> image(Lane lane, String name) throws IOException {
    for (String id : lane.states.keySet()) {
      if (Json.MAPPER.readTree(lane.states.get(id)).path("plugin").path("Name").asText()
          .equals(name)) {
        return image(lane.states.get(id));
      }
    }
    throw new AssertionError("no plugin " + name);
  }

  /** The names of the lane's plugins: where they are pushed. */
  private static List<String> names(Lane lane) throws IOException {
    List<String> names = new ArrayList<>();
    for (byte[] state : lane.states.values()) {
      names.add(Json.MAPPER.readTree(state).path("plugin").path("Name").asText());
    }
    return names;
  }

  /**
   * Each plugin's tag on the lane's registry is absent, or names the manifest the plugin
   * records, whose config and layers download whole and verify; how many were there.
   */
  private int checkRegistry(Lane lane, String where) throws IOException {
    int there = 0;
    try (RegistryClient client = PullCrashDriver.client(tmp)) {
      for (String name : names(lane)) {
        Reference ref = Reference.parse(name);
        ImageManifest m;
        try {
          m = client.pullManifest(ref);
        } catch (RegistryException e) {
          assertThat(e.code()).as("%s: %s", where, e.getMessage())
              .isEqualTo(ErrorCode.MANIFEST_NOT_FOUND);
          continue;
        }
        there++;
        Optional<List<String>> image = image(lane, name);
        assertThat(image).as("%s: %s is on the registry, not in the state", where, name)
            .isPresent();
        assertThat(m.digest().toString()).as("%s: the tag %s", where, name)
            .isEqualTo(image.get().get(0));
        List<Descriptor> blobs = new ArrayList<>(m.layers());
        blobs.add(m.config());
        for (Descriptor d : blobs) {
          Path file = Files.createTempFile(tmp, "download", ".blob"); // lanes share blobs
          client.downloadBlob(Repository.of(ref), d.digest(), d.size(), file);
          assertThat(RootChecks.sha256(file)).as("%s: %s of %s", where, d.digest(), name)
              .isEqualTo(d.digest().hex());
          assertThat(Files.size(file)).as(where).isEqualTo(d.size());
          Files.delete(file);
        }
      }
    }
    return there;
  }

  /** Whether the lane's registry holds an upload it did not before: one a kill cut off. */
  private static boolean uploadsCutOff(Lane lane) throws IOException {
    Path repos = lane.registry.storage().resolve("docker/registry/v2/repositories/crash");
    if (!Files.isDirectory(repos)) {
      return false;
    }
    try (Stream<Path> uploads = Files.find(repos, 3, (p, a) -> a.isDirectory()
        && p.getParent().getFileName().toString().equals("_uploads"))) {
      return lane.uploads.addAll(uploads.map(Path::toString).toList());
    }
  }

  /**
   * Empties the lane's registry: stopped first, so that nothing a killed owner sent is still
   * being served; then every tag is absent.
   */
  private void empty(Lane lane, String where) throws IOException {
    lane.registry.kill();
    AtomicFiles.deleteTree(lane.registry.storage());
    lane.registry.restart();
    emptied.incrementAndGet();
    assertThat(checkRegistry(lane, where + ", emptied")).as(where).isZero();
  }

  /** A push's {@code done push <name> <digest>}: the manifest the plugin records. */
  private void checkPushed(Lane lane, String done, String where) throws IOException {
    String[] f = done.split(" ");
    Optional<List<String>> image = image(lane, f[2]);
    if (image.isPresent()) {
      assertThat(f[3]).as("%s: the manifest pushed", where).isEqualTo(image.get().get(0));
    } // else the created plugin's first push: its image is checked at the next restart
  }

  /**
   * The last kill, checked by an owner in this JVM, which then pushes every plugin: each push
   * succeeds, the registry then has every tag, and the local state is still as it was.
   */
  private void pushAfterTheLastKill(Lane lane, String where) throws Exception {
    try (RegistryClient client = PullCrashDriver.client(lane.root);
        ManagedPlugins m = ManagedPlugins.open(PullCrashDriver.settings(lane.root, client))) {
      checkLocal(lane, PullCrashDriver.ready(m), where);
      checkRegistry(lane, where);
      for (String name : names(lane)) {
        String digest = PushCrashDriver.push(m, name);
        checkLocal(lane, PullCrashDriver.ready(m), where + ", pushed");
        checkPushed(lane, "done push " + name + " " + digest, where);
      }
      assertThat(checkRegistry(lane, where + ", pushed")).as(where).isEqualTo(2);
    }
  }

  /**
   * A tree's every entry, by relative path: its type, permissions, size, modification time and
   * (a file) SHA-256 or (a link) target.
   */
  static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        String what = Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p)
            : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
            : "file " + Files.size(p) + " " + RootChecks.sha256(p);
        out.put(dir.relativize(p).toString(), what + " "
            + Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS) + " "
            + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
      }
    }
    return out;
  }
}
