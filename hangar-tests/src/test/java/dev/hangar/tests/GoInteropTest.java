package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.DiscoveryDirs;
import dev.hangar.PluginHost;
import dev.hangar.PluginState;
import dev.hangar.protocol.MethodNotFoundException;
import dev.hangar.protocol.PluginCallException;
import dev.hangar.protocol.volume.CapabilitiesRequest;
import dev.hangar.protocol.volume.CapabilitiesResponse;
import dev.hangar.protocol.volume.CreateRequest;
import dev.hangar.protocol.volume.GetRequest;
import dev.hangar.protocol.volume.GetResponse;
import dev.hangar.protocol.volume.ListRequest;
import dev.hangar.protocol.volume.ListResponse;
import dev.hangar.protocol.volume.MountRequest;
import dev.hangar.protocol.volume.MountResponse;
import dev.hangar.protocol.volume.RemoveRequest;
import dev.hangar.protocol.volume.UnmountRequest;
import dev.hangar.protocol.volume.Volume;
import dev.hangar.protocol.volume.VolumeDriver;
import dev.hangar.testkit.ShortTempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hangar against real Docker Go code, both ways.
 *
 * <ul>
 *   <li>Docker's own plugin client (moby's {@code pkg/plugins}, driven through a proxy generated
 *       by moby's {@code pluginrpc-gen} from the daemon's volume driver interface) activates and
 *       drives the example plugin written with Hangar's SDK.
 *   <li>A Go volume plugin with the wire behaviour of Docker's official Go plugin SDK
 *       ({@code govolume}; the SDK itself is not packaged, see its {@code sdk.go}) is discovered
 *       and driven by {@code ./hangar}, from a socket dir and, as root, from Docker's own dirs
 *       with {@code --docker-dirs}.
 * </ul>
 */
class GoInteropTest {
  private static final Duration START = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private ShortTempDir dir;
  private Path tmp;

  @BeforeAll
  static void buildGoPrograms() {
    GoPrograms.build();
  }

  @BeforeEach
  void makeTempDir() {
    dir = new ShortTempDir();
    tmp = dir.path();
  }

  @AfterEach
  void stopPeersAndClean() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
    dir.close();
  }

  @Test
  void dockersGoClientActivatesAndDrivesTheExamplePlugin() throws Exception {
    Path socket = tmp.resolve("example.sock");
    startExample(socket);

    JsonNode report = dockerClient("--addr", "unix://" + socket, "--volume", "go-client-vol");

    assertThat(report.get("implements")).extracting(JsonNode::asText).contains("VolumeDriver");
    assertThat(stepNames(report)).containsExactly("Plugin.Activate", "VolumeDriver.Capabilities",
        "VolumeDriver.Create", "VolumeDriver.List", "VolumeDriver.Get", "VolumeDriver.Mount",
        "VolumeDriver.Path", "VolumeDriver.Unmount", "VolumeDriver.Remove",
        "VolumeDriver.List after Remove", "VolumeDriver.Get after Remove",
        "VolumeDriver.Remove of a missing volume", "VolumeDriver.NoSuchMethod");
    assertThat(step(report, "VolumeDriver.Mount").get("result").asText())
        .startsWith(tmp.resolve("volumes").toString());
    assertThat(report.get("ok").asBoolean()).isTrue();
  }

  @Test
  void dockersGoClientDiscoversTheExamplePluginInRunDockerPlugins() throws Exception {
    GoDirs.assumeRoot();
    String name = GoDirs.uniqueName("hangar-example");
    Path socket = inDockerDir(GoDirs.DOCKER_SOCKETS, name + ".sock");
    startExample(socket);

    JsonNode report = dockerClient("--name", name);

    assertThat(report.get("addr").asText()).isEqualTo("unix://" + socket);
    assertThat(report.get("ok").asBoolean()).isTrue();
  }

  @Test
  void dockersGoClientDrivesTheGoPluginTheSameWay() throws Exception {
    Path socket = tmp.resolve("govol.sock");
    startGoVolume(socket);

    JsonNode report = dockerClient("--addr", "unix://" + socket);

    assertThat(report.get("ok").asBoolean()).isTrue();
  }

  @Test
  void hangarListsAndDrivesTheGoPluginFromASocketDir() throws Exception {
    Path sockets = Files.createDirectories(tmp.resolve("sockets"));
    Path socket = sockets.resolve("govol.sock");
    startGoVolume(socket);
    String dir = sockets.toString();

    JsonNode ls = json(hangar("--socket-dir", dir, "plugin", "ls", "--format", "json"));
    JsonNode entry = byName(ls, "govol");
    assertThat(entry.get("kind").asText()).isEqualTo("socket");
    assertThat(entry.get("address").asText()).isEqualTo("unix://" + socket);
    assertThat(entry.get("state").asText()).isEqualTo("active");
    assertThat(entry.get("implements")).extracting(JsonNode::asText)
        .containsExactly("VolumeDriver");

    hangar("--socket-dir", dir, "plugin", "call", "govol", "VolumeDriver.Create",
        "{\"Name\":\"v1\",\"Opts\":null}");
    JsonNode mount = json(hangar("--socket-dir", dir, "plugin", "call", "govol",
        "VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"c1\"}"));
    assertThat(Path.of(mount.get("Mountpoint").asText())).isDirectory();
    JsonNode get = json(hangar("--socket-dir", dir, "plugin", "call", "govol", "VolumeDriver.Get",
        "{\"Name\":\"v1\"}"));
    assertThat(get.at("/Volume/Name").asText()).isEqualTo("v1");
    assertThat(get.at("/Volume/Status/mounts").asInt()).isEqualTo(1);
    Command.Result fromStdin = Command.hangarWithInput(tmp, "{}", "--socket-dir", dir, "plugin",
        "call", "govol", "VolumeDriver.List", "-");
    assertThat(fromStdin.exitCode()).as(fromStdin.describe()).isZero();
    JsonNode list = json(fromStdin.stdout());
    assertThat(list.get("Volumes")).extracting(v -> v.get("Name").asText()).containsExactly("v1");
  }

  @Test
  void pluginHostDrivesTheGoPluginThroughTheTypedVolumeDriver() {
    Path sockets = tmp.resolve("sockets");
    startGoVolume(sockets.resolve("govol.sock"));

    try (PluginHost host = PluginHost.builder()
        .dirs(new DiscoveryDirs(List.of(sockets), List.of())).build()) {
      VolumeDriver volumes = host.get("govol", VolumeDriver.class);
      volumes.create(new CreateRequest("lib1"));
      MountResponse mount = volumes.mount(new MountRequest("lib1", "c1"));
      GetResponse get = volumes.get(new GetRequest("lib1"));
      ListResponse list = volumes.list(new ListRequest());
      CapabilitiesResponse caps = volumes.capabilities(new CapabilitiesRequest());

      assertThat(Path.of(mount.mountpoint())).isDirectory();
      assertThat(OffsetDateTime.parse(get.volume().createdAt())).isNotNull();
      assertThat(get.volume().status()).containsEntry("mounts", 1);
      assertThat(list.volumes()).extracting(Volume::name).containsExactly("lib1");
      assertThat(caps.capabilities().scope()).isEqualTo("local");
      assertThat(host.get("govol", "VolumeDriver").state()).isEqualTo(PluginState.ACTIVE);

      // The SDK's error reply (500 + Err) and Go's plain-text 404 map to typed exceptions.
      assertThatThrownBy(() -> volumes.remove(new RemoveRequest("lib1")))
          .isInstanceOfSatisfying(PluginCallException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.detail()).isEqualTo("volume lib1 is in use by 1 caller(s)");
          });
      assertThatThrownBy(() -> host.get("govol", "VolumeDriver").client()
          .call("VolumeDriver.Nope", Map.of(), Object.class))
          .isInstanceOf(MethodNotFoundException.class).hasMessageContaining("VolumeDriver.Nope");
      volumes.unmount(new UnmountRequest("lib1", "c1"));
      volumes.remove(new RemoveRequest("lib1"));
      assertThat(volumes.list(new ListRequest()).volumes()).isEmpty();
    }
  }

  @Test
  void hangarReportsTheGoPluginsErrorsWithExitStatusOne() {
    Path sockets = tmp.resolve("sockets");
    startGoVolume(sockets.resolve("govol.sock"));
    String dir = sockets.toString();

    Command.Result missing = Command.hangar(tmp, "--socket-dir", dir, "plugin", "call", "govol",
        "VolumeDriver.Remove", "{\"Name\":\"nope\"}");
    assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(1);
    assertThat(missing.stderr()).startsWith("Error: ").contains("volume nope not found")
        .doesNotContain("\tat ");

    Command.Result unknown = Command.hangar(tmp, "--socket-dir", dir, "plugin", "call", "govol",
        "VolumeDriver.Nope", "{}");
    assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(1);
    assertThat(unknown.stderr()).startsWith("Error: ").contains("VolumeDriver.Nope");
  }

  @Test
  void hangarDockerDirsFindsTheGoPluginsSocketInRunDockerPlugins() throws Exception {
    GoDirs.assumeRoot();
    String name = GoDirs.uniqueName("hangar-govol");
    startGoVolume(inDockerDir(GoDirs.DOCKER_SOCKETS, name + ".sock"));

    hangar("--docker-dirs", "plugin", "call", name, "VolumeDriver.Create",
        "{\"Name\":\"d1\",\"Opts\":null}");
    JsonNode list = json(hangar("--docker-dirs", "plugin", "call", name, "VolumeDriver.List",
        "{}"));

    assertThat(list.get("Volumes")).extracting(v -> v.get("Name").asText()).containsExactly("d1");
  }

  @Test
  void hangarDockerDirsFindsTheGoPluginThroughItsSpecFileInEtcDockerPlugins() throws Exception {
    GoDirs.assumeRoot();
    String name = GoDirs.uniqueName("hangar-govol-tcp");
    Path spec = inDockerDir(GoDirs.DOCKER_SPECS, name + ".spec");
    // As the SDK's ServeTCP: listen on TCP and write tcp://ADDR into the .spec file.
    GoPeer peer = start("govolume", List.of(GoPrograms.goVolume().toString(),
        "--tcp", "127.0.0.1:0", "--spec", spec.toString(),
        "--root", tmp.resolve("volumes").toString()));
    peer.awaitLine("listening ", START);

    JsonNode caps = json(hangar("--docker-dirs", "plugin", "call", name,
        "VolumeDriver.Capabilities", "{}"));
    JsonNode inspect = json(hangar("--docker-dirs", "plugin", "inspect", name));

    assertThat(caps.at("/Capabilities/Scope").asText()).isEqualTo("local");
    assertThat(inspect.get("address").asText()).startsWith("tcp://127.0.0.1:");
    assertThat(inspect.toString()).contains(spec.toString());
  }

  // --- helpers

  private void startExample(Path socket) {
    Path jar = HangarProcess.repo().resolve("examples/volume-plugin/target/volume-plugin.jar");
    assertThat(jar).as("the example plugin is built before hangar-tests").isRegularFile();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    start("example volume plugin", List.of(java.toString(), "-jar", jar.toString(),
        "--socket", socket.toString(), "--root", tmp.resolve("volumes").toString()))
        .awaitSocket(socket, START);
  }

  private void startGoVolume(Path socket) {
    start("govolume", List.of(GoPrograms.goVolume().toString(), "--socket", socket.toString(),
        "--root", tmp.resolve("volumes").toString()))
        .awaitSocket(socket, START);
  }

  private GoPeer start(String name, List<String> command) {
    GoPeer peer = GoPeer.start(name, command, Map.of());
    cleanup.add(peer);
    return peer;
  }

  /**
   * A path in one of Docker's own dirs, removed after the test with the dirs this created, if
   * they are empty by then.
   */
  private Path inDockerDir(Path dir, String file) {
    Path created = GoDirs.createDirs(dir);
    Path path = dir.resolve(file);
    cleanup.add(() -> {
      Files.deleteIfExists(path);
      GoDirs.deleteEmptyDirs(dir, created);
    });
    return path;
  }

  private JsonNode dockerClient(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(GoPrograms.dockerClient().toString()));
    command.addAll(List.of(args));
    Command.Result r = Command.run(command, tmp, Map.of(), Duration.ofMinutes(1));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return JSON.readTree(r.stdout());
  }

  private String hangar(String... args) {
    Command.Result r = Command.hangar(tmp, args);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r.stdout();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static List<String> stepNames(JsonNode report) {
    List<String> names = new ArrayList<>();
    report.get("steps").forEach(s -> names.add(s.get("call").asText()));
    return names;
  }

  private static JsonNode step(JsonNode report, String call) {
    for (JsonNode s : report.get("steps")) {
      if (s.get("call").asText().equals(call)) {
        return s;
      }
    }
    throw new AssertionError("no step " + call + " in " + report.toPrettyString());
  }

  private static JsonNode byName(JsonNode array, String name) {
    for (JsonNode n : array) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no plugin " + name + " in " + array.toPrettyString());
  }
}
