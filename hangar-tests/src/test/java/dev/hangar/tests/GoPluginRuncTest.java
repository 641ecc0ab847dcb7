package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The goplugin package under plain runc, the way Docker runs a managed plugin, before any daemon
 * is involved: the package's rootfs as the container's root, a host dir bound at
 * {@code /run/docker/plugins} ({@code rbind,rshared}), {@code runc run} in the foreground as a
 * child. The host reaches the plugin through the host side of that dir. Needs root, runc and Go:
 * skipped without them, failed without them under {@code CI}.
 */
class GoPluginRuncTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START = Duration.ofSeconds(30);

  private ShortTempDir tmp;
  private Path state;
  private String id;
  private GoPeer runc;

  @BeforeEach
  void setUp() {
    assumeRuncAsRoot();
    GoPrograms.build();
    tmp = new ShortTempDir();
    state = tmp.resolve("state");
    id = GoDirs.uniqueName("gp");
  }

  @AfterEach
  void tearDown() throws IOException {
    if (runc != null) {
      Command.run(List.of("runc", "--root", state.toString(), "delete", "-f", id),
          tmp.path(), Map.of(), Duration.ofSeconds(30));
      runc.close();
    }
    if (tmp != null) {
      tmp.close();
    }
  }

  /** Skips unless root with runc on the PATH; under {@code CI}, fails instead. */
  static void assumeRuncAsRoot() {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean hasRunc = Command.run(List.of("sh", "-c", "command -v runc"), Path.of("/"), Map.of(),
        Duration.ofSeconds(10)).exitCode() == 0;
    String missing = !root ? "root" : !hasRunc ? "runc on the PATH (apt-get install runc)" : null;
    if (missing != null && System.getenv("CI") != null) {
      throw new AssertionError("CI is set but the runc tests lack " + missing);
    }
    Assumptions.assumeTrue(missing == null, "runc tests need " + missing);
  }

  @Test
  void theGoPluginServesVolumesFromItsOwnRootfsAndNetworkUnderRunc() throws Exception {
    Path pkg = ManagedPackages.goPlugin().writeDir(tmp.resolve("pkg"));
    Path sockets = Files.createDirectories(tmp.resolve("sockets"));
    long pid = run(pkg, sockets, true);

    try (PluginClient client = client(sockets.resolve("gp.sock"));
        ServerSocket hostPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(call(client, "Plugin.Activate", null).get("Implements"))
          .containsExactly(JSON.getNodeFactory().textNode("VolumeDriver"));
      assertThat(call(client, "VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":null}"))
          .isEqualTo(JSON.readTree("{}"));
      assertThat(call(client, "VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"c1\"}")
          .get("Mountpoint").asText()).isEqualTo("/data/v1");
      assertThat(pkg.resolve("rootfs/data/v1")).isDirectory();
      assertThat(call(client, "VolumeDriver.List", "{}").get("Volumes").findValuesAsText("Name"))
          .containsExactly("v1");

      List<String> env = strings(call(client, "Probe.Env", "{}").get("Env"));
      assertThat(env).contains("DEBUG=1").anyMatch(e -> e.startsWith("PATH="));
      assertThat(call(client, "Probe.Stat", "{\"Path\":\"/bin/goplugin\"}").get("Exists")
          .asBoolean()).isTrue();
      assertThat(call(client, "Probe.Stat", "{\"Path\":\"" + pkg + "\"}").get("Exists")
          .asBoolean()).as("a host path is not visible inside").isFalse();

      JsonNode dial = dial(client, hostPort.getLocalPort());
      assertThat(dial.get("Connected").asBoolean())
          .as("its own netns cannot reach the host's loopback: %s", dial).isFalse();
      assertThat(dial.get("Error").asText()).isNotEmpty();
    }
    assertThat(runc.awaitLine("goplugin started", START)).contains("args=[]");
    killAndDelete(pid);
  }

  @Test
  void withoutItsOwnNetworkNamespaceTheGoPluginReachesTheHostLoopback() throws Exception {
    Path pkg = ManagedPackages.goPlugin().writeDir(tmp.resolve("pkg"));
    Path sockets = Files.createDirectories(tmp.resolve("sockets"));
    long pid = run(pkg, sockets, false);
    try (PluginClient client = client(sockets.resolve("gp.sock"));
        ServerSocket hostPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      JsonNode dial = dial(client, hostPort.getLocalPort());
      assertThat(dial.get("Connected").asBoolean()).as("%s", dial).isTrue();
    }
    killAndDelete(pid);
  }

  /** Writes the OCI bundle, starts {@code runc run}, waits for the socket; the plugin's pid. */
  private long run(Path pkg, Path sockets, boolean ownNetwork) throws IOException {
    Path bundle = Files.createDirectories(tmp.resolve("bundle"));
    Command.Result spec = Command.run(List.of("runc", "spec", "--bundle", bundle.toString()),
        bundle, Map.of(), Duration.ofSeconds(30));
    assertThat(spec.exitCode()).as(spec.describe()).isZero();
    ObjectNode config = (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());
    ObjectNode process = (ObjectNode) config.get("process");
    process.put("terminal", false);
    process.putArray("args").add("/bin/goplugin");
    ((ArrayNode) process.get("env")).add("DEBUG=1");
    ObjectNode root = (ObjectNode) config.get("root");
    root.put("path", pkg.resolve("rootfs").toString());
    root.put("readonly", false);
    ObjectNode bind = ((ArrayNode) config.get("mounts")).addObject();
    bind.put("destination", "/run/docker/plugins");
    bind.put("type", "bind");
    bind.put("source", sockets.toString());
    bind.putArray("options").add("rbind").add("rshared");
    if (!ownNetwork) {
      ArrayNode namespaces = (ArrayNode) config.at("/linux/namespaces");
      for (int i = namespaces.size() - 1; i >= 0; i--) {
        if (namespaces.get(i).get("type").asText().equals("network")) {
          namespaces.remove(i);
        }
      }
    }
    JSON.writeValue(bundle.resolve("config.json").toFile(), config);

    runc = GoPeer.start("runc run " + id, List.of("runc", "--root", state.toString(), "run",
        "--bundle", bundle.toString(), id), Map.of());
    runc.awaitSocket(sockets.resolve("gp.sock"), START);
    Command.Result st = runcCommand("state", id);
    assertThat(st.exitCode()).as(st.describe()).isZero();
    long pid = JSON.readTree(st.stdout()).get("pid").asLong();
    assertThat(HangarDaemon.pluginProcesses()).extracting(ProcessHandle::pid).contains(pid);
    return pid;
  }

  private void killAndDelete(long pid) throws InterruptedException {
    Command.Result kill = runcCommand("kill", id, "KILL");
    assertThat(kill.exitCode()).as(kill.describe()).isZero();
    long deadline = System.nanoTime() + START.toNanos();
    while (runc.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(runc.isAlive()).as("runc run returns once its container is killed").isFalse();
    runcCommand("delete", "-f", id);
    Command.Result list = runcCommand("list", "-q");
    assertThat(list.exitCode()).as(list.describe()).isZero();
    assertThat(list.stdout().lines()).doesNotContain(id);
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(HangarDaemon.pluginProcesses()).extracting(ProcessHandle::pid).doesNotContain(pid);
  }

  private Command.Result runcCommand(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("runc", "--root", state.toString()));
    command.addAll(List.of(args));
    return Command.run(command, tmp.path(), Map.of(), Duration.ofSeconds(30));
  }

  private static PluginClient client(Path socket) {
    return PluginClient.create("goplugin", new PluginAddress.Unix(socket),
        ClientConfig.DEFAULT.withCallTimeout(Duration.ofSeconds(20)));
  }

  private static JsonNode dial(PluginClient client, int port) throws IOException {
    return call(client, "Probe.Dial",
        "{\"Addr\":\"127.0.0.1:" + port + "\",\"TimeoutMs\":1000}");
  }

  /** Calls {@code method} with the JSON text {@code args} (null: an empty body). */
  static JsonNode call(PluginClient client, String method, String args) throws IOException {
    Object body = args == null ? null : JSON.readTree(args);
    return JSON.readTree(client.callRaw(method, body, CallOptions.DEFAULT));
  }

  private static List<String> strings(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText).toList();
  }
}
