package dev.hangar.tests;

import static dev.hangar.tests.ManagedDockerCliTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.registry.Digest;
import dev.hangar.testkit.Closing;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.registry.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code hangar daemon} killed with SIGKILL while the stock {@code docker} CLI installs
 * a plugin from Debian's registry through it, sets it, enables, disables, upgrades it to another
 * tag or removes it; seeded ({@code -Dhangar.faultSeed}) and bounded (16 rounds,
 * {@code -Dhangar.faultRounds}). After each kill a new daemon starts on the same root and must
 * find the plugin as it was before the operation or as one of the CLI's requests left it
 * ({@code docker plugin install} pulls, then sets), never in between: absent or whole (its
 * rootfs file as pushed, its manifest digest, its settings), enabled with exactly one plugin
 * process or disabled with none, no staging or temporary file, and a blob store whose every
 * blob verifies. Half the operations a kill undid are done again, to their end, on the new
 * daemon. The last daemon stops with no process left. The kill points depend on how long the
 * operations take, so a seed replays the random choices, not exactly where the kills land.
 * Needs root, runc, Go, docker-registry and the docker CLI.
 */
class DaemonSigkillTest {
  private static final int BALLAST = 12 << 20;
  private static final Duration CLI_LIMIT = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private ShortTempDir tmp;
  private RegistryServer registry;
  private HangarDaemon daemon;
  private DockerCli docker;
  private final List<Image> images = new ArrayList<>();
  private String defaultEnv;

  /** A tag on the registry: its reference, its manifest digest, its ballast file's bytes. */
  private record Image(String ref, String digest, byte[] ballast) {}

  /** The plugin as a daemon shows it; absent when {@code ref} is empty. */
  private record State(Optional<String> ref, boolean enabled, String env) {
    static final State ABSENT = new State(Optional.empty(), false, "");

    State enabled(boolean e) {
      return new State(ref, e, env);
    }
  }

  @BeforeEach
  void start() throws IOException {
    GoPluginRuncTest.assumeRuncAsRoot();
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    GoPrograms.build();
    tmp = new ShortTempDir();
    registry = RegistryServer.builder(tmp.resolve("registry")).start();
    daemon = startDaemon();
    docker = DockerCli.at(daemon.socket(), tmp.path());
    Random random = new Random(1);
    for (String tag : List.of("1", "2")) {
      String ref = registry.address() + "/faults/gp:" + tag;
      Path pkg = ManagedPackages.goPlugin().description("tag " + tag)
          .writeDir(tmp.resolve("pkg" + tag));
      byte[] ballast = new byte[BALLAST];
      random.nextBytes(ballast);
      Files.write(pkg.resolve("rootfs/data/ballast"), ballast);
      ok(docker.run("plugin", "create", ref, pkg.toString()));
      ok(docker.run("plugin", "push", ref));
      ok(docker.run("plugin", "rm", ref));
      // Installed once without settings: its manifest digest and its default settings.
      ok(docker.run("plugin", "install", "--disable", "--alias", "gp", ref));
      String digest = ManagedDockerCliTest.json(ok(daemon.cli("plugin", "inspect", "gp")))
          .path("manifestDigest").asText();
      defaultEnv = read().env();
      ok(docker.run("plugin", "rm", "gp"));
      assertThat(digest).startsWith("sha256:");
      images.add(new Image(ref, digest, ballast));
    }
  }

  @AfterEach
  void stop() throws Exception {
    Closing.all(daemon, registry, tmp);
  }

  @Test
  void aDaemonKilledDuringAnyOperationRestartsWithThePluginAsBeforeOrAfterIt() throws Exception {
    FaultRun run = FaultRun.fromProperties("DaemonSigkillTest", 16);
    State state = State.ABSENT;
    Map<String, Integer> killed = new TreeMap<>();
    Map<String, Integer> returned = new TreeMap<>();
    int retries = 0;
    // How long after its start an operation is killed: up to 1.1 times what the last one of
    // its kind that ended took (in ms), so that most kills come while it runs.
    Map<String, Long> window = new HashMap<>(Map.of("install", 800L, "upgrade", 1000L,
        "enable", 200L, "disable", 150L, "rm", 100L, "set", 50L));
    for (int round = 1; round <= run.rounds(); round++) {
      String at = run.at(round);
      Random random = run.random(round);
      Op op = pick(state, random, round);
      long started = System.nanoTime();
      CompletableFuture<Long> took = new CompletableFuture<>();
      CompletableFuture<Command.Result> cli =
          CompletableFuture.supplyAsync(() -> docker.run(CLI_LIMIT, op.args()))
              .whenComplete((x, e) -> took.complete((System.nanoTime() - started) / 1_000_000));
      Thread.sleep(random.nextInt(1 + (int) (window.get(op.kind()) * 11 / 10))); // the kill point
      daemon.sigkill();
      Command.Result r = cli.get(CLI_LIMIT.toSeconds() + 5, TimeUnit.SECONDS);
      daemon = startDaemon();
      State found = await(at, op, state);
      killed.merge(op.kind(), 1, Integer::sum);
      if (r.exitCode() == 0) {
        returned.merge(op.kind(), 1, Integer::sum);
        window.put(op.kind(), took.get());
        assertThat(found).as("%s: %s returned 0\n%s", at, op, r.describe())
            .isEqualTo(op.done());
      }
      checkRoot(found, at + ": after " + op);
      if (found.equals(state) && random.nextBoolean()) {
        // As an operator would: the operation again, on the new daemon, to its end.
        long again = System.nanoTime();
        Command.Result retried = docker.run(CLI_LIMIT, op.args());
        window.put(op.kind(), (System.nanoTime() - again) / 1_000_000);
        assertThat(retried.exitCode()).as("%s: %s again\n%s", at, op, retried.describe())
            .isZero();
        found = await(at, op, state);
        assertThat(found).as("%s: %s again", at, op).isEqualTo(op.done());
        checkRoot(found, at + ": after " + op + " again");
        retries++;
      }
      state = found;
    }
    System.out.println("DaemonSigkillTest: kills during (and after) each operation: "
        + String.join(", ", killed.keySet().stream().map(k -> k + " " + killed.get(k) + " ("
            + returned.getOrDefault(k, 0) + ")").toList()) + "; " + retries
        + " operations done again after a kill");
    daemon.close();
    assertThat(daemon.pluginTexts()).as("plugin processes left").isEmpty();
  }

  /**
   * One CLI operation on plugin {@code gp}: the states a kill may leave besides the one it
   * starts from ({@code done}, where it ends, last).
   */
  private record Op(List<String> argv, List<State> after) {
    String[] args() {
      return argv.toArray(String[]::new);
    }

    /** {@code install}, {@code rm}...: the CLI's command. */
    String kind() {
      return argv.get(1);
    }

    State done() {
      return after.get(after.size() - 1);
    }

    @Override
    public String toString() {
      return "docker " + String.join(" ", argv);
    }
  }

  private Op pick(State s, Random random, int round) {
    if (s.ref().isEmpty()) {
      // The CLI pulls, then sets: killed between the two, the plugin has its defaults.
      Optional<String> ref = Optional.of(images.get(0).ref());
      return new Op(List.of("plugin", "install", "--grant-all-permissions", "--disable",
          "--alias", "gp", ref.get(), "DEBUG=0"),
          List.of(new State(ref, false, defaultEnv), new State(ref, false, "DEBUG=0")));
    }
    if (s.enabled()) {
      return random.nextInt(3) == 0
          ? new Op(List.of("plugin", "rm", "-f", "gp"), List.of(State.ABSENT))
          : new Op(List.of("plugin", "disable", "gp"), List.of(s.enabled(false)));
    }
    Optional<String> other = Optional.of(images.get(0).ref().equals(s.ref().get())
        ? images.get(1).ref() : images.get(0).ref());
    return switch (random.nextInt(5)) {
      case 0 -> new Op(List.of("plugin", "rm", "gp"), List.of(State.ABSENT));
      case 1 -> new Op(List.of("plugin", "set", "gp", "DEBUG=" + round),
          List.of(new State(s.ref(), false, "DEBUG=" + round)));
      case 2 -> new Op(List.of("plugin", "upgrade", "--grant-all-permissions",
          "--skip-remote-check", "gp", other.get()),
          List.of(new State(other, false, s.env())));
      default -> new Op(List.of("plugin", "enable", "gp"), List.of(s.enabled(true)));
    };
  }

  private HangarDaemon startDaemon() {
    return HangarDaemon.start(tmp.resolve("root"), Optional.of(tmp.resolve("rt")));
  }

  /**
   * The plugin as the new daemon shows it, once it shows the state before or after {@code op}
   * and runs as many plugin processes as that state says (a daemon may still be starting or
   * stopping what the killed one left); fails after {@link #SETTLE}.
   */
  private State await(String at, Op op, State before) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      State s = read();
      List<String> processes = daemon.pluginTexts();
      boolean known = s.equals(before) || op.after().contains(s);
      if (known && processes.size() == (s.enabled() ? 1 : 0)) {
        return s;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(at + ": after " + op + " the daemon shows " + s
            + " with plugin processes " + processes + "; expected " + before + " or one of "
            + op.after() + "\n--- daemon\n" + daemon.output());
      }
      Thread.sleep(100);
    }
  }

  private State read() {
    String names = ok(docker.run("plugin", "ls", "--format", "{{.Name}}")).stdout().strip();
    if (names.isEmpty()) {
      return State.ABSENT;
    }
    assertThat(names).as("plugins").isEqualTo("gp:latest");
    JsonNode p = ManagedDockerCliTest.json(ok(docker.run("plugin", "inspect", "gp"))).get(0);
    List<String> env = ManagedDockerCliTest.strings(p.at("/Settings/Env"));
    return new State(Optional.of(p.path("PluginReference").asText()),
        p.path("Enabled").asBoolean(), String.join(",", env));
  }

  /**
   * The root as the daemon shows {@code s}: one plugin directory when present, whole (its
   * ballast as pushed, its manifest), none otherwise; no staging or temporary file; every blob
   * verifies (a partial download never counts as one).
   */
  private void checkRoot(State s, String where) throws IOException {
    Path managed = daemon.root().resolve("managed");
    List<Path> plugins = new ArrayList<>();
    for (Path p : list(managed)) {
      String name = p.getFileName().toString();
      switch (name) {
        case ".lock", "blobs" -> { }
        case "tmp" -> assertThat(list(p)).as("%s: staging left", where).isEmpty();
        default -> {
          assertThat(name).as("%s: leftover", where).matches("[0-9a-f]{64}");
          assertThat(list(p)).as("%s: temporary files in %s", where, name)
              .noneMatch(f -> f.getFileName().toString().contains(".tmp-"));
          plugins.add(p);
        }
      }
    }
    assertThat(plugins).as(where).hasSize(s.ref().isPresent() ? 1 : 0);
    if (s.ref().isPresent()) {
      Image img = images.stream().filter(i -> i.ref().equals(s.ref().get())).findFirst()
          .orElseThrow();
      assertThat(Files.readAllBytes(plugins.get(0).resolve("rootfs/data/ballast")))
          .as("%s: its rootfs", where).isEqualTo(img.ballast());
      assertThat(ManagedDockerCliTest.json(ok(daemon.cli("plugin", "inspect", "gp")))
          .path("manifestDigest").asText()).as(where).isEqualTo(img.digest());
    }
    Path blobs = managed.resolve("blobs");
    if (Files.isDirectory(blobs.resolve("tmp"))) {
      assertThat(list(blobs.resolve("tmp"))).as("%s: temporary blobs", where).isEmpty();
    }
    for (Path b : list(blobs.resolve("sha256"))) {
      String name = b.getFileName().toString();
      if (!name.endsWith(".partial")) {
        assertThat(Digest.of(Files.readAllBytes(b)).hex()).as("%s: blob %s verifies", where, name)
            .isEqualTo(name);
      }
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
