package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.internal.Json;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Digest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.RegistryClient;
import dev.hangar.testkit.registry.RegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin images moved by Debian's skopeo: pulled by Hangar after skopeo pushed them, and back. */
class SkopeoPluginTest {
  private static final Path SKOPEO = Path.of("/usr/bin/skopeo");
  @TempDir static Path shared;
  static RegistryServer registry;
  static RegistryClient client;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    assumeTrue(Files.isExecutable(SKOPEO), "skopeo is not installed");
    registry = RegistryServer.builder(shared.resolve("registry")).start();
    client = RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(shared.resolve("no-certs")).build();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private static void skopeo(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(SKOPEO.toString(), "--insecure-policy"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static String put(Path dir, byte[] blob) throws IOException {
    Digest d = Digest.of(blob);
    Files.write(dir.resolve(d.hex()), blob);
    return d.toString();
  }

  @Test
  void aPluginImageSkopeoPushedFromADirLayoutInstalls() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    byte[] layer = PluginImages.simpleLayer("from skopeo");
    String layerDigest = put(dir, layer);
    String c = PluginImages.CONFIG;
    byte[] config = (c.substring(0, c.length() - 1) + ",\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[\"" + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
    String configDigest = put(dir, config);
    Files.writeString(dir.resolve("manifest.json"), "{\"schemaVersion\":2,\"mediaType\":\""
        + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + MediaTypes.DOCKER_PLUGIN_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":"
        + config.length + "},\"layers\":[{\"mediaType\":\"" + MediaTypes.DOCKER_LAYER_GZIP
        + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}");
    Files.writeString(dir.resolve("version"), "Directory Transport Version: 1.1\n");
    String ref = registry.address() + "/sk/plugin:1";
    skopeo("copy", "--dest-tls-verify=false", "dir:" + dir, "docker://" + ref);

    try (ManagedPlugins m = ManagedPlugins.open(ManagedSettings.defaults(tmp.resolve("root"))
        .withRegistry(client))) {
      ManagedPlugin p = m.pull(PullRequest.of(ref, List.of()), x -> { });
      assertThat(tmp.resolve("root/managed").resolve(p.id()).resolve("rootfs/etc/motd"))
          .hasContent("from skopeo");
      assertThat(p.config().rootfs()).isPresent();
    }
  }

  @Test
  void whatHangarPushesSkopeoCopiesWithDockersPluginMediaTypes() throws Exception {
    Path pkg = Files.createDirectories(tmp.resolve("pkg/rootfs/bin"));
    Files.writeString(pkg.resolve("p"), "#!/bin/sh\n");
    Files.writeString(tmp.resolve("pkg/config.json"), PluginImages.CONFIG);
    String ref = registry.address() + "/sk/pushed:1";
    try (ManagedPlugins m = ManagedPlugins.open(ManagedSettings.defaults(tmp.resolve("root"))
        .withRegistry(client))) {
      m.create(ref, tmp.resolve("pkg"));
      m.push(ref, CredentialSource.NONE, x -> { });
    }
    Path out = tmp.resolve("out");
    skopeo("copy", "--src-tls-verify=false", "docker://" + ref, "dir:" + out);
    JsonNode manifest = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(manifest.at("/config/mediaType").asText())
        .isEqualTo(MediaTypes.DOCKER_PLUGIN_CONFIG);
    assertThat(manifest.at("/layers/0/mediaType").asText())
        .isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
    String layerHex = manifest.at("/layers/0/digest").asText().substring(7);
    assertThat(Digest.of(Files.readAllBytes(out.resolve(layerHex))).hex()).isEqualTo(layerHex);
  }
}
