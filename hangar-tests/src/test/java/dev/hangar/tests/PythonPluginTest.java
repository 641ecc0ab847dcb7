package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.DiscoveryDirs;
import dev.hangar.GetAllResult;
import dev.hangar.PluginHost;
import dev.hangar.SocketPlugin;
import dev.hangar.protocol.PluginCallException;
import dev.hangar.protocol.volume.CreateRequest;
import dev.hangar.protocol.volume.GetRequest;
import dev.hangar.protocol.volume.ListRequest;
import dev.hangar.protocol.volume.MountRequest;
import dev.hangar.protocol.volume.PathRequest;
import dev.hangar.protocol.volume.UnmountRequest;
import dev.hangar.protocol.volume.Volume;
import dev.hangar.protocol.volume.VolumeDriver;
import dev.hangar.testkit.ShortTempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin written in another language (Python, standard library only, HTTP/1.1 keep-alive on a
 * unix socket) discovered from a socket dir and called through Hangar: the library and
 * {@code ./hangar}.
 */
class PythonPluginTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ShortTempDir dir;
  private Path tmp;
  private Path sockets;
  private Path socket;
  private GoPeer plugin;

  @BeforeEach
  void startPlugin() {
    dir = new ShortTempDir();
    tmp = dir.path();
    sockets = tmp.resolve("sockets");
    socket = sockets.resolve("pyvol.sock");
    plugin = PythonPlugin.start(socket, tmp.resolve("volumes"));
  }

  @AfterEach
  void stopPlugin() throws Exception {
    if (plugin != null) {
      plugin.close();
    }
    dir.close();
  }

  @Test
  void pluginHostFindsAndDrivesThePythonPlugin() {
    try (PluginHost host = PluginHost.builder()
        .dirs(new DiscoveryDirs(List.of(sockets), List.of())).build()) {
      List<String> handled = new CopyOnWriteArrayList<>();
      host.handle("VolumeDriver", p -> handled.add(p.name()));

      GetAllResult all = host.getAll("VolumeDriver");
      assertThat(all.plugins()).extracting(SocketPlugin::name).containsExactly("pyvol");
      assertThat(all.failures()).isEmpty();
      assertThat(handled).containsExactly("pyvol");

      VolumeDriver volumes = host.get("pyvol", VolumeDriver.class);
      volumes.create(new CreateRequest("lib1", Map.of("size", "1G")));
      assertThat(volumes.mount(new MountRequest("lib1", "c1")).mountpoint())
          .isEqualTo(tmp.resolve("volumes/lib1").toString());
      assertThat(volumes.path(new PathRequest("lib1")).mountpoint())
          .isEqualTo(tmp.resolve("volumes/lib1").toString());
      assertThat(volumes.get(new GetRequest("lib1")).volume().status()).containsEntry("mounts", 1);
      assertThat(volumes.list(new ListRequest()).volumes()).extracting(Volume::name)
          .containsExactly("lib1");
      assertThatThrownBy(() -> volumes.unmount(new UnmountRequest("lib1", "someone-else")))
          .isInstanceOfSatisfying(PluginCallException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.detail()).isEqualTo("volume lib1 is not mounted by someone-else");
          });
    }
  }

  @Test
  void hangarListsAndInspectsThePythonPlugin() throws Exception {
    JsonNode ls = json(hangar("--socket-dir", sockets.toString(), "plugin", "ls",
        "--format", "json"));
    assertThat(ls).hasSize(1);
    JsonNode entry = ls.get(0);
    assertThat(entry.get("name").asText()).isEqualTo("pyvol");
    assertThat(entry.get("kind").asText()).isEqualTo("socket");
    assertThat(entry.get("address").asText()).isEqualTo("unix://" + socket);
    assertThat(entry.get("state").asText()).isEqualTo("active");
    assertThat(entry.get("implements")).extracting(JsonNode::asText)
        .containsExactly("VolumeDriver");

    JsonNode inspect = json(hangar("--socket-dir", sockets.toString(), "plugin", "inspect",
        "pyvol"));
    assertThat(inspect.get("name").asText()).isEqualTo("pyvol");
    assertThat(inspect.get("state").asText()).isEqualTo("active");
  }

  @Test
  void hangarCallsThePythonPlugin() throws Exception {
    String dir = sockets.toString();
    assertThat(json(hangar("--socket-dir", dir, "plugin", "call", "pyvol", "VolumeDriver.Create",
        "{\"Name\":\"p1\",\"Opts\":null}"))).isEmpty();
    JsonNode mount = json(hangar("--socket-dir", dir, "plugin", "call", "pyvol",
        "VolumeDriver.Mount", "{\"Name\":\"p1\",\"ID\":\"me\"}"));
    assertThat(Path.of(mount.get("Mountpoint").asText())).isDirectory()
        .isEqualTo(tmp.resolve("volumes/p1"));
    JsonNode get = json(hangar("--socket-dir", dir, "plugin", "call", "pyvol", "VolumeDriver.Get",
        "{\"Name\":\"p1\"}"));
    assertThat(get.at("/Volume/CreatedAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    JsonNode caps = json(hangar("--socket-dir", dir, "plugin", "call", "pyvol",
        "VolumeDriver.Capabilities"));
    assertThat(caps.at("/Capabilities/Scope").asText()).isEqualTo("local");
  }

  @Test
  void hangarReportsThePythonPluginsErrText() {
    Command.Result r = Command.hangar(tmp, "--socket-dir", sockets.toString(), "plugin", "call",
        "pyvol", "VolumeDriver.Unmount", "{\"Name\":\"none\",\"ID\":\"me\"}");

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(r.stderr()).startsWith("Error: ").contains("volume none not found");
  }

  @Test
  void dockersGoClientDrivesThePythonPluginToo() throws Exception {
    Command.Result r = Command.run(List.of(GoPrograms.dockerClient().toString(),
        "--addr", "unix://" + socket), tmp, Map.of(), Duration.ofMinutes(1));

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(json(r.stdout()).get("ok").asBoolean()).isTrue();
  }

  private String hangar(String... args) {
    Command.Result r = Command.hangar(tmp, args);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r.stdout();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
