package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example volume plugin discovered, listed, inspected and driven through {@code ./hangar}. */
class VolumePluginEndToEndTest {
  @TempDir Path work;
  private Path root;
  private Process plugin;

  @BeforeEach
  void startPlugin() throws Exception {
    // Socket paths must stay under 108 bytes: keep the root short.
    root = Files.createTempDirectory(Path.of("/tmp"), "hg-e2e");
    Path socket = root.resolve("sockets/volume.sock");
    Files.createDirectories(socket.getParent());
    plugin = HangarProcess.startVolumePlugin(socket, work.resolve("volumes"));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!accepts(socket)) {
      assertThat(plugin.isAlive()).as("volume plugin exited: see " + work).isTrue();
      assertThat(Instant.now()).as("socket did not accept connections").isBefore(deadline);
      Thread.sleep(20);
    }
  }

  /** Whether the plugin accepts a connection (a socket file can exist before it listens). */
  private static boolean accepts(Path socket) {
    try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
        java.net.UnixDomainSocketAddress.of(socket))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @AfterEach
  void stopPlugin() throws Exception {
    plugin.destroy();
    plugin.waitFor();
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void lsShowsThePluginActiveWithItsCapability() throws IOException {
    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "ls", "--format", "json");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode list = Json.MAPPER.readTree(r.out());
    assertThat(list).hasSize(1);
    JsonNode p = list.get(0);
    assertThat(p.get("name").asText()).isEqualTo("volume");
    assertThat(p.get("kind").asText()).isEqualTo("socket");
    assertThat(p.get("address").asText()).isEqualTo("unix://" + root.resolve("sockets/volume.sock"));
    assertThat(p.get("implements").get(0).asText()).isEqualTo("VolumeDriver");
    assertThat(p.get("state").asText()).isEqualTo("active");
    assertThat(p.get("error").isNull()).isTrue();

    HangarProcess.Result table = HangarProcess.run(root, null, "plugin", "ls");
    assertThat(table.out()).contains("NAME").contains("volume").contains("VolumeDriver");
  }

  @Test
  void inspectNamesTheSourceFile() throws IOException {
    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "inspect", "volume");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode p = Json.MAPPER.readTree(r.out());
    assertThat(p.get("source").asText()).isEqualTo(root.resolve("sockets/volume.sock").toString());
  }

  @Test
  void callDrivesTheVolumeLifecycle() throws IOException {
    assertOk(HangarProcess.run(root, null, "plugin", "call", "volume", "VolumeDriver.Create",
        "{\"Name\":\"v1\",\"Opts\":null}"));
    HangarProcess.Result mount = HangarProcess.run(root, "{\"Name\":\"v1\",\"ID\":\"c1\"}",
        "plugin", "call", "volume", "VolumeDriver.Mount", "-");
    assertOk(mount);
    String mountpoint = Json.MAPPER.readTree(mount.out()).get("Mountpoint").asText();
    assertThat(Path.of(mountpoint)).isDirectory();

    HangarProcess.Result list = HangarProcess.run(root, null, "plugin", "call", "volume",
        "VolumeDriver.List", "{}");
    assertOk(list);
    assertThat(Json.MAPPER.readTree(list.out()).get("Volumes").get(0).get("Name").asText())
        .isEqualTo("v1");

    HangarProcess.Result removeWhileMounted = HangarProcess.run(root, null, "plugin", "call",
        "volume", "VolumeDriver.Remove", "{\"Name\":\"v1\"}");
    assertThat(removeWhileMounted.exit()).as(removeWhileMounted.toString()).isEqualTo(1);
    assertThat(removeWhileMounted.err()).startsWith("Error: ").contains("volume")
        .doesNotContain("\tat ");

    assertOk(HangarProcess.run(root, null, "plugin", "call", "volume", "VolumeDriver.Unmount",
        "{\"Name\":\"v1\",\"ID\":\"c1\"}"));
    assertOk(HangarProcess.run(root, null, "plugin", "call", "volume", "VolumeDriver.Remove",
        "{\"Name\":\"v1\"}"));
    assertThat(Path.of(mountpoint)).doesNotExist();
  }

  @Test
  void unknownMethodFailsWithExitOneNamingTheMethod() {
    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "call", "volume",
        "VolumeDriver.Frobnicate", "{}");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("VolumeDriver.Frobnicate").doesNotContain("\tat ");
  }

  @Test
  void argsThatAreNotJsonAreAUsageError() {
    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "call", "volume",
        "VolumeDriver.List", "{not json");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("not valid JSON");
  }

  private static void assertOk(HangarProcess.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
  }
}
