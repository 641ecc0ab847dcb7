package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.internal.config.ConfigJson;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.internal.Json;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The example volume plugin as a managed plugin package ({@code config.json} + {@code rootfs/}
 * with a jlinked runtime), which the example's {@code package} phase writes: what it holds, and
 * that it serves Docker's volume protocol when run under plain runc as Docker's enable runs it.
 */
class VolumeExampleManagedPackageTest {

  @Test
  void packageHoldsWhatItsConfigNamesAndHangarAcceptsTheConfig() throws IOException {
    Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux"),
        "the package is built on Linux only");
    Path dir = VolumeExampleContainer.packageDir();
    assertThat(dir.resolve("config.json")).as("run the example's package phase first")
        .isRegularFile();
    PluginConfig config = ConfigJson.parse(Files.readAllBytes(dir.resolve("config.json")),
        "config.json");
    assertThat(config.iface().types()).extracting(Object::toString)
        .containsExactly("docker.volumedriver/1.0");
    assertThat(config.iface().socket()).isEqualTo("volume.sock");
    assertThat(config.propagatedMount()).isEqualTo("/data");
    assertThat(config.mounts()).isEmpty();

    Path rootfs = dir.resolve("rootfs");
    assertThat(inRootfs(rootfs, config.entrypoint().get(0))).isExecutable();
    assertThat(config.entrypoint()).contains("/plugin/volume-plugin.jar");
    assertThat(inRootfs(rootfs, "/plugin/volume-plugin.jar")).isRegularFile();
    assertThat(inRootfs(rootfs, "/lib64/ld-linux-x86-64.so.2")).isRegularFile();
    assertThat(inRootfs(rootfs, "/lib/x86_64-linux-gnu/libc.so.6")).isRegularFile();
    for (String d : List.of("/tmp", "/proc", "/sys", "/dev", "/run/docker/plugins", "/data")) {
      assertThat(inRootfs(rootfs, d)).as(d).isEmptyDirectory();
    }
    assertThat(inRootfs(rootfs, "/etc/hosts")).isEmptyFile();
    assertThat(inRootfs(rootfs, "/etc/resolv.conf")).isEmptyFile();
  }

  @Test
  void underRuncItAnswersActivateCreateMountAndListWithVolumesInThePropagatedMount()
      throws Exception {
    assumeRunc();
    try (ShortTempDir work = new ShortTempDir();
        VolumeExampleContainer c = VolumeExampleContainer.start(work.path());
        PluginClient client = PluginClient.create("vol", new PluginAddress.Unix(c.socket()),
            ClientConfig.DEFAULT)) {
      JsonNode activate = call(client, "Plugin.Activate", null);
      assertThat(activate.get("Implements")).as(c.output()).hasSize(1);
      assertThat(activate.get("Implements").get(0).asText()).isEqualTo("VolumeDriver");

      assertThat(call(client, "VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":null}"))
          .isEmpty();
      JsonNode mount = call(client, "VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"c1\"}");
      assertThat(mount.get("Mountpoint").asText()).isEqualTo("/data/v1/data");
      // What Docker's ScopedPath finds on the host: <plugin dir>/propagated-mount/v1/data.
      assertThat(work.resolve("propagated/v1/data")).isDirectory();

      JsonNode list = call(client, "VolumeDriver.List", "{}");
      assertThat(list.get("Volumes")).hasSize(1);
      assertThat(list.get("Volumes").get(0).get("Name").asText()).isEqualTo("v1");
      assertThat(list.get("Volumes").get(0).get("Mountpoint").asText())
          .isEqualTo("/data/v1/data");
    }
  }

  @Test
  void underRuncSigtermStopsItAndRemovesItsSocket() throws Exception {
    assumeRunc();
    try (ShortTempDir work = new ShortTempDir();
        VolumeExampleContainer c = VolumeExampleContainer.start(work.path())) {
      int status = c.stop();
      // 143: the JVM's status after SIGTERM, once the shutdown hook closed the server.
      assertThat(status).as(c.output()).isEqualTo(143);
      assertThat(c.socket()).doesNotExist();
      assertThat(c.output()).contains("volume plugin serving unix:///run/docker/plugins/volume.sock");
    }
  }

  @Test
  void theDockerCliCreatesAndEnablesItThroughHangarsDaemon() throws Exception {
    assumeRunc();
    try (ShortTempDir root = new ShortTempDir();
        HangarDaemon daemon = HangarDaemon.start(root.resolve("root"),
            Optional.of(root.resolve("rt")))) {
      Path sock = daemon.socket();
      Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + sock);
      docker(root.path(), env, "plugin", "create", "vol",
          VolumeExampleContainer.packageDir().toString());
      docker(root.path(), env, "plugin", "enable", "vol");
      try {
        Command.Result r = Command.hangar(root.path(), "--host", "unix://" + sock, "plugin",
            "call", "vol", "VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":null}");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Json.MAPPER.readTree(r.stdout())).isEmpty();
      } finally {
        docker(root.path(), env, "plugin", "disable", "vol");
        docker(root.path(), env, "plugin", "rm", "vol");
      }
    }
  }

  /** Skips without root or runc, except on CI, where the runner must provide both. */
  private static void assumeRunc() {
    VolumeExampleContainer.unavailable().ifPresent(reason -> {
      if (System.getenv("CI") != null) {
        fail("CI is set but the managed package cannot run: " + reason);
      }
      Assumptions.abort(reason);
    });
    assertThat(VolumeExampleContainer.packageDir().resolve("rootfs"))
        .as("run the example's package phase first").isDirectory();
  }

  private static JsonNode call(PluginClient client, String method, String json)
      throws IOException {
    Object args = json == null ? null : Json.MAPPER.readTree(json);
    byte[] reply = client.callRaw(method, args, CallOptions.DEFAULT);
    return Json.MAPPER.readTree(reply);
  }

  private static Path inRootfs(Path rootfs, String absolute) {
    return rootfs.resolve(absolute.substring(1));
  }

  private static void docker(Path dir, Map<String, String> env, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Command.Result r = Command.run(command, dir, env, Duration.ofMinutes(2));
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }
}
