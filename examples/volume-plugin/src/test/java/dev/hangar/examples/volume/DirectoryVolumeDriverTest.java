package dev.hangar.examples.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.PluginCallException;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.volume.CapabilitiesRequest;
import dev.hangar.protocol.volume.CreateRequest;
import dev.hangar.protocol.volume.GetRequest;
import dev.hangar.protocol.volume.ListRequest;
import dev.hangar.protocol.volume.MountRequest;
import dev.hangar.protocol.volume.PathRequest;
import dev.hangar.protocol.volume.RemoveRequest;
import dev.hangar.protocol.volume.UnmountRequest;
import dev.hangar.protocol.volume.Volume;
import dev.hangar.protocol.volume.VolumeDriver;
import dev.hangar.sdk.PluginServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The volume semantics, driven through the real SDK server and Hangar's client. */
class DirectoryVolumeDriverTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-01-02T03:04:05.678Z"), ZoneOffset.UTC);

  private Path tmp;
  private Path root;
  private PluginServer server;
  private PluginClient client;
  private VolumeDriver volumes;

  @BeforeEach
  void start() throws IOException {
    tmp = Files.createTempDirectory(Path.of("/tmp"), "hgv");
    root = tmp.resolve("root");
    serve();
  }

  private void serve() throws IOException {
    server = PluginServer.builder()
        .serve(VolumeDriver.class, new DirectoryVolumeDriver(root, CLOCK))
        .unixSocket(tmp.resolve("v.sock"))
        .start();
    client = PluginClient.create("volume", server.address(),
        ClientConfig.DEFAULT.withBackoff(Backoff.NONE));
    volumes = client.proxy(VolumeDriver.class);
  }

  private void restart() throws IOException {
    client.close();
    server.close();
    serve();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void assertErr(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(PluginCallException.class, e -> {
      assertThat(e.status()).isEqualTo(500);
      assertThat(e.detail()).isEqualTo(message);
    });
  }

  @Test
  void createMakesADirectoryAndGetReportsIt() {
    volumes.create(new CreateRequest("v1", Map.of("size", "1G")));

    Volume v = volumes.get(new GetRequest("v1")).volume();

    Path data = root.resolve("v1/data");
    assertThat(data).isDirectory();
    assertThat(v.name()).isEqualTo("v1");
    assertThat(v.mountpoint()).isEqualTo(data.toString());
    assertThat(v.createdAt()).isEqualTo("2024-01-02T03:04:05Z");
    assertThat(v.status()).containsEntry("mounts", 0)
        .containsEntry("options", Map.of("size", "1G"));
  }

  @Test
  void createIsIdempotentWithTheSameOptionsOnly() {
    volumes.create(new CreateRequest("v1"));
    volumes.create(new CreateRequest("v1"));

    assertErr(() -> volumes.create(new CreateRequest("v1", Map.of("a", "b"))),
        "volume v1 already exists with options {}");
  }

  @Test
  void listIsSortedByName() {
    volumes.create(new CreateRequest("b"));
    volumes.create(new CreateRequest("a"));

    assertThat(volumes.list(new ListRequest()).volumes()).extracting(Volume::name)
        .containsExactly("a", "b");
  }

  @Test
  void mountsAreCountedPerCallerAndRemoveWaitsForTheLast() {
    volumes.create(new CreateRequest("v1"));
    String mp = volumes.mount(new MountRequest("v1", "c1")).mountpoint();
    volumes.mount(new MountRequest("v1", "c1"));
    volumes.mount(new MountRequest("v1", "c2"));

    assertThat(mp).isEqualTo(root.resolve("v1/data").toString());
    assertThat(volumes.get(new GetRequest("v1")).volume().status()).containsEntry("mounts", 3);
    assertErr(() -> volumes.remove(new RemoveRequest("v1")),
        "volume v1 is in use (mounted by c1, c2)");

    volumes.unmount(new UnmountRequest("v1", "c2"));
    volumes.unmount(new UnmountRequest("v1", "c1"));
    assertErr(() -> volumes.remove(new RemoveRequest("v1")), "volume v1 is in use (mounted by c1)");

    volumes.unmount(new UnmountRequest("v1", "c1"));
    volumes.remove(new RemoveRequest("v1"));

    assertThat(root.resolve("v1")).doesNotExist();
    assertThat(volumes.list(new ListRequest()).volumes()).isEmpty();
  }

  @Test
  void unmountByACallerWithoutAMountIsRefused() {
    volumes.create(new CreateRequest("v1"));
    volumes.mount(new MountRequest("v1", "c1"));

    assertErr(() -> volumes.unmount(new UnmountRequest("v1", "c9")),
        "volume v1 is not mounted by 'c9'");
  }

  @Test
  void missingVolumesAreReportedByName() {
    assertErr(() -> volumes.get(new GetRequest("nope")), "no such volume: nope");
    assertErr(() -> volumes.mount(new MountRequest("nope", "c")), "no such volume: nope");
    assertErr(() -> volumes.path(new PathRequest("nope")), "no such volume: nope");
    assertErr(() -> volumes.remove(new RemoveRequest("nope")), "no such volume: nope");
  }

  @Test
  void badNamesAreRefusedBeforeTouchingTheDisk() {
    for (String bad : new String[] {"", "../x", "a/b", ".hidden", "a..b"}) {
      assertThatThrownBy(() -> volumes.create(new CreateRequest(bad)))
          .isInstanceOf(PluginCallException.class).hasMessageContaining("invalid volume name");
    }
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void volumesOptionsAndCreationTimeSurviveARestartButMountsDoNot() throws IOException {
    volumes.create(new CreateRequest("v1", Map.of("size", "1G")));
    volumes.mount(new MountRequest("v1", "c1"));
    Files.writeString(root.resolve("v1/data/file.txt"), "kept");

    restart();

    Volume v = volumes.get(new GetRequest("v1")).volume();
    assertThat(v.createdAt()).isEqualTo("2024-01-02T03:04:05Z");
    assertThat(v.status()).containsEntry("options", Map.of("size", "1G"))
        .containsEntry("mounts", 0);
    assertThat(Files.readString(Path.of(v.mountpoint(), "file.txt"))).isEqualTo("kept");
    volumes.remove(new RemoveRequest("v1"));
  }

  @Test
  void recordIsWrittenWithASchemaVersion() throws IOException {
    volumes.create(new CreateRequest("v1", Map.of("b", "2", "a", "1")));

    String json = Files.readString(root.resolve("v1/volume.json"));

    assertThat(json).contains("\"schemaVersion\" : 1").contains("\"name\" : \"v1\"");
    try (Stream<Path> files = Files.list(root.resolve("v1"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "volume.json", "data");
    }
  }

  @Test
  void pathAndCapabilities() {
    volumes.create(new CreateRequest("v1"));

    assertThat(volumes.path(new PathRequest("v1")).mountpoint())
        .isEqualTo(root.resolve("v1/data").toString());
    assertThat(volumes.capabilities(new CapabilitiesRequest()).capabilities().scope())
        .isEqualTo("local");
  }
}
