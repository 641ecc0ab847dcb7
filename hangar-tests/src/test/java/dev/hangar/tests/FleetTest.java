package dev.hangar.tests;

import static dev.hangar.tests.ManagedDockerCliTest.json;
import static dev.hangar.tests.ManagedDockerCliTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.testkit.Closing;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.net.NetNamespace;
import dev.hangar.testkit.net.NetNamespaces;
import dev.hangar.testkit.registry.RegistryRequest;
import dev.hangar.testkit.registry.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fleet: three {@code hangar daemon}s, each with a root of its own and in a network namespace
 * of its own, fed by a pull-through cache (Debian's registry with {@code proxy.remoteurl}) in
 * front of an origin registry, both in namespaces too, all on one private bridge
 * ({@link NetNamespaces}). A JAR plugin pushed once to the origin and installed by tag on every
 * daemon through the cache is the same everywhere: one manifest digest, one plugin ID; every
 * daemon's signature policy verifies it through the cache. Needs
 * root ({@code ip netns}) and docker-registry; no runc (a JAR plugin runs in the hosts).
 */
class FleetTest {
  private static final int NODES = 3;
  private static final String REPO = "team/mem";
  private static final Duration CACHED = Duration.ofSeconds(10);
  private static final Pattern PUSHED = Pattern.compile(": digest: (sha256:[0-9a-f]{64}) ");

  private final List<HangarDaemon> daemons = new CopyOnWriteArrayList<>();
  private ShortTempDir tmp;
  private NetNamespaces net;
  private RegistryServer origin;
  private RegistryServer cache;
  private List<NetNamespace> nodes;
  private Path jar;
  private String pushedDigest;
  private String cacheIp;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(NetNamespaces.available(), "ip netns is not usable (needs root)");
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    tmp = new ShortTempDir();
    // After a build the launcher trains its class-data archive once (a few seconds, under a
    // lock): alone, rather than under four JVMs queued on that lock.
    ok(Command.hangar(tmp.path(), "--version"));
    net = NetNamespaces.create();
    NetNamespace originNs = net.add("origin");
    NetNamespace cacheNs = net.add("cache");
    List<NetNamespace> members = new ArrayList<>();
    for (int i = 1; i <= NODES; i++) {
      members.add(net.add("node" + i));
    }
    nodes = List.copyOf(members);
    cacheIp = cacheNs.address();
    // The origin on every address of its namespace: the push comes from its loopback (plain
    // HTTP needs no flag there), the cache from the bridge.
    origin = RegistryServer.builder(tmp.resolve("origin")).in(originNs).listen("0.0.0.0")
        .start();
    cache = RegistryServer.builder(tmp.resolve("cache")).in(cacheNs).listen(cacheNs.address())
        .proxy("http://" + originNs.address() + ":" + origin.port()).start();
    // Every daemon requires the fleet's signature on what comes from the cache; the signature
    // names the origin, so the scope accepts any identity.
    Path policy = fleetPolicy(Files.createDirectories(tmp.resolve("keys")), cache.address());
    // The daemons start (a JVM each) while the plugin is built and pushed.
    try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> started = new ArrayList<>();
      for (int i = 0; i < NODES; i++) {
        NetNamespace node = nodes.get(i);
        Path root = tmp.resolve("node" + (i + 1));
        Path runtime = tmp.resolve("rt" + (i + 1));
        started.add(starting.submit(() -> daemons.add(HangarDaemon.startIn(node, root,
            Optional.of(runtime), "--insecure-registry", cache.address(),
            "--signature-policy", policy.toString()))));
      }
      jar = InstalledArtifactsTest.memResourceJar(tmp.resolve("jar"));
      pushedDigest = push(originNs, origin.address() + "/" + REPO + ":1.0");
      for (Future<Boolean> f : started) {
        get(f);
      }
    }
  }

  @AfterEach
  void stop() throws Exception {
    try {
      onEach(daemons, d -> {
        d.close();
        return d;
      });
    } finally {
      Closing.all(cache, origin, net, tmp);
    }
  }

  @Test
  void threeDaemonsInstallingOneTagThroughTheCacheGetOneManifestDigestAndOnePluginId()
      throws Exception {
    String ref = cache.address() + "/" + REPO + ":1.0";

    onEach(daemons, d -> ok(d.cli("plugin", "install", "--grant-all-permissions", ref)));

    List<JsonNode> inspected = onEach(daemons, d -> json(ok(d.cli("plugin", "inspect", ref))));
    assertThat(inspected).extracting(p -> p.path("manifestDigest").asText())
        .containsOnly(pushedDigest);
    assertThat(inspected).extracting(p -> p.path("id").asText())
        .as("the ID is SHA-256 of <name>@<manifest digest>")
        .containsOnly(sha256((ref + "@" + pushedDigest).getBytes(StandardCharsets.UTF_8)));

    String layer = sha256(Files.readAllBytes(jar)); // the layer is the JAR's bytes as they are
    String signature = "/v2/" + REPO + "/manifests/sha256-"
        + pushedDigest.substring("sha256:".length()) + ".sig";
    List<String> daemonIps = nodes.stream().map(NetNamespace::address).toList();
    // A registry logs a request once it has answered it: its log may lag the client a little.
    eventually(CACHED, () -> {
      assertThat(cache.requests()).filteredOn(r -> r.getsBlob(layer) && r.status() == 200)
          .extracting(RegistryRequest::client).as("every daemon fetched the JAR from the cache")
          .containsExactlyInAnyOrderElementsOf(daemonIps);
      assertThat(cache.requests()).filteredOn(r -> r.uri().equals(signature)
          && r.status() == 200).extracting(RegistryRequest::client)
          .as("every daemon verified the signature (fetched through the cache)")
          .containsAll(daemonIps);
      assertThat(origin.requests()).extracting(RegistryRequest::client)
          .as("the origin saw the push (on its loopback) and the cache, no daemon")
          .containsOnly("127.0.0.1", cacheIp);
      assertThat(cache.blobFile(layer)).as("the cache keeps the JAR").exists();
    });
  }

  /**
   * Writes a signing key {@code fleet.key}, its public key and {@code policy.json} requiring
   * a signature by it for everything of {@code registry}; the policy file.
   */
  private static Path fleetPolicy(Path keys, String registry) throws Exception {
    KeyPair pair = SignedPluginCliTest.keyPair();
    SignedPluginCliTest.pem(keys.resolve("fleet.pub"), "PUBLIC KEY",
        pair.getPublic().getEncoded());
    SignedPluginCliTest.pem(keys.resolve("fleet.key"), "PRIVATE KEY",
        pair.getPrivate().getEncoded());
    return Files.writeString(keys.resolve("policy.json"), "{\"schemaVersion\": 1, \"scopes\": "
        + "{\"" + registry + "\": {\"required\": true, \"keys\": [\"fleet.pub\"], "
        + "\"identity\": \"any\"}}}\n");
  }

  /** Runs {@code assertions} until they pass, the last failure thrown after {@code limit}. */
  private static void eventually(Duration limit, Runnable assertions)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        assertions.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(20);
    }
  }

  /** Pushes the JAR from the origin's namespace; the manifest digest the push reports. */
  private String push(NetNamespace ns, String ref) {
    Path repo = HangarProcess.repo();
    Command.Result pushed = ok(Command.run(ns.command(List.of(repo.resolve("hangar").toString(),
        "plugin", "push", "--jar", jar.toString(), "--sign-key",
        tmp.resolve("keys/fleet.key").toString(), ref)), repo,
        Map.of("HANGAR_ROOT", tmp.resolve("pusher").toString()), HangarDaemon.START));
    Matcher digest = PUSHED.matcher(pushed.stdout());
    assertThat(digest.find()).as(pushed.describe()).isTrue();
    return digest.group(1);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Applies {@code task} to every item at once, a thread each; the results in order. */
  private static <T, R> List<R> onEach(List<T> items, Function<T, R> task) throws Exception {
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<R>> futures = items.stream().map(i -> ex.submit(() -> task.apply(i))).toList();
      List<R> results = new ArrayList<>();
      for (Future<R> f : futures) {
        results.add(get(f));
      }
      return results;
    }
  }

  private static <R> R get(Future<R> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw (Exception) e.getCause();
    }
  }
}
