package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.internal.Json;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Digest;
import dev.hangar.registry.ImageManifest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.Reference;
import dev.hangar.registry.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pushes of managed plugins to Debian's real registry, and pulls of what was pushed. */
class PushTest {
  @RegisterExtension static final LoopbackRegistry REGISTRY = new LoopbackRegistry();

  @TempDir Path tmp;

  private ManagedPlugins open(String root) {
    return ManagedPlugins.open(ManagedSettings.defaults(tmp.resolve(root)).withRegistry(REGISTRY.client()));
  }

  /** A package: config.json and a rootfs with files, a link and an empty directory. */
  private Path pkg() throws IOException {
    Path dir = tmp.resolve("pkg");
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path rootfs = Files.createDirectories(dir.resolve("rootfs/bin"));
    Files.writeString(dir.resolve("config.json"), PluginImages.CONFIG);
    Path p = Files.writeString(rootfs.resolve("p"), "#!/bin/sh\necho plugin\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createLink(rootfs.resolve("p2"), p);
    Files.createSymbolicLink(rootfs.resolve("sh"), Path.of("p"));
    Files.createDirectories(dir.resolve("rootfs/etc/empty"));
    Files.writeString(dir.resolve("rootfs/etc/motd"), "hi <&>\n");
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path f : all.toList()) {
        if (!Files.isSymbolicLink(f)) {
          Files.setLastModifiedTime(f, FileTime.fromMillis(1_700_000_000_000L));
        }
      }
    }
    return dir;
  }

  @Test
  void aCreatedPluginPushesAsDockerWouldAndInstallsBackElsewhere() throws Exception {
    String name = REGISTRY.server().address() + "/team/pushed:1.0";
    List<ProgressMessage> progress = new CopyOnWriteArrayList<>();
    PushResult r;
    try (ManagedPlugins a = open("a")) {
      a.create(name, pkg());
      r = a.push(name, CredentialSource.NONE, progress::add);
      assertThat(a.inspect(name).manifestDigest()).contains(r.digest());
    }
    assertThat(r.tag()).isEqualTo("1.0");
    assertThat(progress.get(0).status()).isEqualTo("The push refers to repository ["
        + REGISTRY.server().address() + "/team/pushed]");
    assertThat(progress).extracting(ProgressMessage::status).contains("Preparing", "Pushed");

    Reference ref = Reference.parse(name);
    ImageManifest m = REGISTRY.client().pullManifest(ref);
    assertThat(m.digest().toString()).isEqualTo(r.digest());
    assertThat(m.raw().bytes().length).isEqualTo((int) r.size());
    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(m.config().mediaType()).isEqualTo(MediaTypes.DOCKER_PLUGIN_CONFIG);
    assertThat(m.layers()).hasSize(1);
    assertThat(m.layers().get(0).mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
    assertThat(new String(m.raw().bytes(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"schemaVersion\":2,\"config\":{\"mediaType\":")
        .endsWith("],\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\"}");
    Path cfg = tmp.resolve("config.json");
    REGISTRY.client().downloadBlob(Repository.of(ref), m.config().digest(), m.config().size(), cfg);
    String text = Files.readString(cfg);
    assertThat(text).endsWith("}\n").doesNotContain("\n ");
    JsonNode config = Json.MAPPER.readTree(text);
    assertThat(config.path("rootfs").path("type").asText()).isEqualTo("layers");
    assertThat(config.path("rootfs").path("diff_ids").get(0).asText())
        .as("Docker records the gzipped layer's digest")
        .isEqualTo(m.layers().get(0).digest().toString());
    assertThat(config.path("Description").asText()).isEqualTo("test plugin");

    try (ManagedPlugins b = open("b")) {
      ManagedPlugin p = b.pull(PullRequest.of(name, List.of()), x -> { });
      assertThat(p.manifestDigest()).contains(r.digest());
      Path rootfs = tmp.resolve("b/managed").resolve(p.id()).resolve("rootfs");
      assertThat(rootfs.resolve("bin/p")).hasContent("#!/bin/sh\necho plugin");
      assertThat(Files.isExecutable(rootfs.resolve("bin/p"))).isTrue();
      assertThat(Files.readSymbolicLink(rootfs.resolve("bin/sh"))).isEqualTo(Path.of("p"));
      assertThat(rootfs.resolve("bin/p2")).hasContent("#!/bin/sh\necho plugin");
      assertThat(rootfs.resolve("etc/empty")).isDirectory();
      assertThat(rootfs.resolve("etc/motd")).hasContent("hi <&>");
      assertThat(p.config().description()).isEqualTo("test plugin");
      assertThat(p.settings().env()).containsExactly("DEBUG=0");

      // pushed again from the second root: the very image it was pulled as
      b.create(REGISTRY.server().address() + "/team/copy:2", pkg());
      PushResult again = b.push(p.id(), CredentialSource.NONE, x -> { });
      assertThat(again.digest()).isEqualTo(r.digest());
    }
  }

  @Test
  void theSameRootfsAlwaysPushesTheSameDigest() throws Exception {
    String name = REGISTRY.server().address() + "/team/same:1";
    Digest first;
    try (ManagedPlugins a = open("a")) {
      a.create(name, pkg());
      first = Digest.parse(a.push(name, CredentialSource.NONE, x -> { }).digest());
      assertThat(a.push(name, CredentialSource.NONE, x -> { }).digest())
          .isEqualTo(first.toString());
    }
    try (ManagedPlugins c = open("c")) {
      c.create(name, pkg());
      List<ProgressMessage> progress = new CopyOnWriteArrayList<>();
      assertThat(c.push(name, CredentialSource.NONE, progress::add).digest())
          .isEqualTo(first.toString());
      assertThat(progress).extracting(ProgressMessage::status).contains("Layer already exists");
    }
  }

  @Test
  void rmOfAPushedPluginRemovesTheBlobsItsPushBuilt() throws Exception {
    String name = REGISTRY.server().address() + "/team/gone:1";
    try (ManagedPlugins a = open("a")) {
      a.create(name, pkg());
      a.push(name, CredentialSource.NONE, x -> { });
      Path blobs = tmp.resolve("a/managed/blobs/sha256");
      try (Stream<Path> s = Files.list(blobs)) {
        assertThat(s.count()).isEqualTo(3);
      }
      a.remove(name, false);
      try (Stream<Path> s = Files.list(blobs)) {
        assertThat(s.toList()).isEmpty();
      }
    }
  }
}
