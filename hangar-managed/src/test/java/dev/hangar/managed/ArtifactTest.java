package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Digest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.Reference;
import dev.hangar.testkit.PluginJarBuilder;
import dev.hangar.testkit.TestPlugins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** JAR plugins and exec bundles through Debian's real registry into the managed store. */
class ArtifactTest {
  private static final String JAR = "acme-resource-plugin-demo.jar";
  private static final Privilege JAR_PRIVILEGE = new Privilege("jar-in-host",
      "runs inside the host's JVM with all of its rights", List.of(JAR));
  private static final Privilege EXEC_PRIVILEGE = new Privilege("exec-unsandboxed",
      "runs unsandboxed as the host's user", List.of("true"));

  @RegisterExtension static final LoopbackRegistry REGISTRY = new LoopbackRegistry();

  @TempDir Path tmp;
  private ManagedPlugins managed;

  @BeforeEach
  void open() {
    managed = ManagedPlugins.open(settings());
  }

  @AfterEach
  void close() {
    if (managed != null) {
      managed.close();
    }
  }

  private ManagedSettings settings() {
    return ManagedSettings.defaults(tmp.resolve("root")).withRegistry(REGISTRY.client());
  }

  private String ref(String repoAndTag) {
    return REGISTRY.server().address() + "/" + repoAndTag;
  }

  /** The test JAR built against {@code apiVersion} (none for null), built once per test. */
  private Path jar(String apiVersion) {
    Path file = tmp.resolve("jars-" + apiVersion).resolve(JAR);
    if (Files.exists(file)) {
      return file;
    }
    PluginJarBuilder b = PluginJarBuilder.create().pluginInit("p.Init")
        .entry("p/data.txt", "demo");
    if (apiVersion != null) {
      b.apiVersion(apiVersion);
    }
    return b.writeTo(file);
  }

  private Path bundle() {
    return TestPlugins.execBundle(tmp.resolve("bundle"), "greet", "hello", "echo hi");
  }

  private Path managedDir() {
    return tmp.resolve("root/managed");
  }

  @Test
  void aPushedJarPluginIsAnOciArtifactWithHangarsMediaTypes() throws Exception {
    PushResult pushed = PluginArtifacts.pushJar(REGISTRY.client(), jar("1.0"), ref("team/demo:1"), "",
        m -> { });

    var raw = REGISTRY.client().fetchManifest(Reference.parse(ref("team/demo:1")));
    assertThat(raw.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(raw.digest().toString()).isEqualTo(pushed.digest());
    JsonNode m = Json.MAPPER.readTree(raw.bytes());
    assertThat(m.path("artifactType").asText()).isEqualTo("application/vnd.hangar.plugin.jar.v1");
    assertThat(m.path("config").path("mediaType").asText())
        .isEqualTo("application/vnd.hangar.plugin.config.v1+json");
    assertThat(m.path("layers")).hasSize(1);
    JsonNode layer = m.path("layers").get(0);
    assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.hangar.plugin.jar.v1");
    assertThat(layer.path("annotations").path("org.opencontainers.image.title").asText())
        .isEqualTo(JAR);
    Path blob = REGISTRY.server().blobFile(Digest.parse(layer.path("digest").asText()).hex());
    assertThat(Files.readAllBytes(blob)).isEqualTo(Files.readAllBytes(jar("1.0")));
    Path cfg = REGISTRY.server().blobFile(Digest.parse(m.path("config").path("digest").asText()).hex());
    assertThat(Files.readString(cfg)).isEqualTo("{\"schemaVersion\":1,\"kind\":\"jar\","
        + "\"description\":\"\",\"jar\":{\"file\":\"" + JAR + "\",\"apiVersion\":\"1.0\"}}");
  }

  @Test
  void anInstalledJarPluginAsksForItsPrivilegeAndIsLinkedForTheHostsWhileEnabled()
      throws Exception {
    PluginArtifacts.pushJar(REGISTRY.client(), jar("1.0"), ref("team/demo:2"), "the demo", m -> { });
    assertThat(managed.remotePrivileges(ref("team/demo:2"), CredentialSource.NONE))
        .containsExactly(JAR_PRIVILEGE);
    assertThatThrownBy(() -> managed.pull(PullRequest.of(ref("team/demo:2"), List.of()),
        m -> { })).isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PRIVILEGES_INCORRECT));
    assertThat(managed.list()).isEmpty();

    ManagedPlugin p = managed.pull(PullRequest.of(ref("team/demo:2"), List.of(JAR_PRIVILEGE)),
        m -> { });
    assertThat(p.kind()).isEqualTo(PluginKind.JAR);
    assertThat(p.config().description()).isEqualTo("the demo");
    assertThat(p.privileges()).containsExactly(JAR_PRIVILEGE);
    assertThat(managedDir().resolve(p.id()).resolve("rootfs").resolve(JAR))
        .hasSameBinaryContentAs(jar("1.0"));
    Path link = managedDir().resolve("jars").resolve(JAR);
    assertThat(link).doesNotExist();

    managed.enable(p.name(), Duration.ZERO);
    assertThat(managed.inspect(p.name()).enabled()).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("..", p.id(), "rootfs", JAR));
    assertThat(link).hasSameBinaryContentAs(jar("1.0"));
    assertThatThrownBy(() -> managed.acquire(p.name(), java.util.Optional.empty()))
        .hasMessageContaining("is a jar plugin: it serves no socket");

    managed.close();
    managed = ManagedPlugins.open(settings());
    assertThat(managed.inspect(p.id()).enabled()).isTrue();
    assertThat(link).hasSameBinaryContentAs(jar("1.0"));

    managed.disable(p.name(), false);
    assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    managed.enable(p.name(), Duration.ZERO);
    managed.remove(p.name(), true);
    assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    try (Stream<Path> s = Files.list(managedDir().resolve("blobs/sha256"))) {
      assertThat(s.toList()).as("blobs of the removed plugin").isEmpty();
    }
  }

  @Test
  void anotherPluginWithTheSameJarCannotBeEnabledAtOnce() {
    PluginArtifacts.pushJar(REGISTRY.client(), jar("1.0"), ref("team/twice:1"), "", m -> { });
    ManagedPlugin a = managed.pull(PullRequest.of(ref("team/twice:1"), List.of(JAR_PRIVILEGE)),
        m -> { });
    ManagedPlugin b = managed.pull(PullRequest.of(ref("team/twice:1"), List.of(JAR_PRIVILEGE))
        .withName("other:1"), m -> { });
    managed.enable(a.name(), Duration.ZERO);

    assertThatThrownBy(() -> managed.enable(b.name(), Duration.ZERO))
        .isInstanceOfSatisfying(HangarException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_EXISTS);
          assertThat(e).hasMessageContaining(JAR).hasMessageContaining("already enabled");
        });
    assertThat(managed.inspect(b.name()).enabled()).isFalse();
    managed.disable(a.name(), false);
    managed.enable(b.name(), Duration.ZERO);
  }

  @Test
  void aLinkLeftByACrashIsRemovedWhenTheRootOpensAndAStaleOneOfADisabledPlugin()
      throws Exception {
    PluginArtifacts.pushJar(REGISTRY.client(), jar("1.0"), ref("team/crash:1"), "", m -> { });
    ManagedPlugin p = managed.pull(PullRequest.of(ref("team/crash:1"), List.of(JAR_PRIVILEGE)),
        m -> { });
    managed.close();
    Path jars = Files.createDirectories(managedDir().resolve("jars"));
    Files.createSymbolicLink(jars.resolve(JAR), Path.of("..", p.id(), "rootfs", JAR));
    Files.createSymbolicLink(jars.resolve(".x.jar.tmp"), Path.of("..", p.id(), "rootfs", JAR));
    Files.createSymbolicLink(jars.resolve("gone-x-plugin-y.jar"),
        Path.of("..", "f".repeat(64), "rootfs", "gone-x-plugin-y.jar"));

    managed = ManagedPlugins.open(settings());

    try (Stream<Path> s = Files.list(jars)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void aJarBuiltAgainstAnotherApiIsRefusedAtPushAndItsArtifactAtPullBeforeTheLayer()
      throws Exception {
    assertThatThrownBy(() -> PluginArtifacts.pushJar(REGISTRY.client(), jar("2.0"), ref("team/api:1"), "",
        m -> { })).isInstanceOfSatisfying(HangarException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.API_VERSION_MISMATCH);
          assertThat(e).hasMessageContaining(JAR).hasMessageContaining("2.0");
        });
    assertThatThrownBy(() -> PluginArtifacts.pushJar(REGISTRY.client(), jar(null), ref("team/api:1"), "",
        m -> { })).hasMessageContaining("has no Hangar-Api-Version");

    // An artifact whose config claims API 2.0 (pushed by hand): refused before its layer.
    PushResult ok = PluginArtifacts.pushJar(REGISTRY.client(), jar("1.0"), ref("team/api:0"), "", m -> { });
    JsonNode m = Json.MAPPER.readTree(REGISTRY.client().fetchManifest(Reference.parse(ref("team/api:0")))
        .bytes());
    Path cfg = tmp.resolve("cfg.json");
    Files.writeString(cfg, "{\"schemaVersion\":1,\"kind\":\"jar\",\"description\":\"\","
        + "\"jar\":{\"file\":\"" + JAR + "\",\"apiVersion\":\"2.0\"}}");
    var pushedCfg = REGISTRY.client().pushBlob(dev.hangar.registry.Repository.of(
        Reference.parse(ref("team/api:2"))), cfg, java.util.Optional.empty());
    var layer = m.path("layers").get(0);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":{\"mediaType\":\"application/vnd.hangar.plugin.config.v1+json\","
        + "\"digest\":\"" + pushedCfg.descriptor().digest() + "\",\"size\":"
        + pushedCfg.descriptor().size() + "},\"layers\":[" + layer + "]}";
    REGISTRY.client().pushBlob(dev.hangar.registry.Repository.of(Reference.parse(ref("team/api:2"))),
        Digest.parse(layer.path("digest").asText()),
        REGISTRY.server().blobFile(Digest.parse(layer.path("digest").asText()).hex()),
        java.util.Optional.empty());
    REGISTRY.client().pushManifest(Reference.parse(ref("team/api:2")), dev.hangar.registry.RawManifest.of(
        MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8)));
    int before = REGISTRY.server().log().size();

    assertThatThrownBy(() -> managed.pull(PullRequest.of(ref("team/api:2"),
        List.of(JAR_PRIVILEGE)), e -> { })).isInstanceOfSatisfying(HangarException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.API_VERSION_MISMATCH);
              assertThat(e).hasMessageContaining("team/api:2").hasMessageContaining("2.0");
            });
    assertThat(managed.list()).isEmpty();
    assertThat(REGISTRY.server().log().subList(before, REGISTRY.server().log().size()))
        .noneMatch(l -> l.contains("GET /v2/team/api/blobs/" + layer.path("digest").asText()));
    assertThat(ok.digest()).startsWith("sha256:");
  }

  @Test
  void anExecBundleInstallsWithItsExecutablesAndIsLinkedWhileEnabled() throws Exception {
    Path dir = bundle();
    PluginArtifacts.pushExec(REGISTRY.client(), dir, List.of("greet"), ref("team/greet:1"), "", m -> { });
    assertThat(managed.remotePrivileges(ref("team/greet:1"), CredentialSource.NONE))
        .containsExactly(EXEC_PRIVILEGE);

    ManagedPlugin p = managed.pull(PullRequest.of(ref("team/greet:1"), List.of(EXEC_PRIVILEGE)),
        m -> { });
    assertThat(p.kind()).isEqualTo(PluginKind.EXEC);
    assertThat(p.config().description()).isEqualTo("exec plugin of greet");
    Path rootfs = managedDir().resolve(p.id()).resolve("rootfs");
    assertThat(rootfs.resolve(".plugin.toml")).hasSameTextualContentAs(dir.resolve(".plugin.toml"));
    assertThat(Files.isExecutable(rootfs.resolve("bin/greet"))).isTrue();

    managed.enable(p.id(), Duration.ZERO);
    Path link = managedDir().resolve("exec").resolve(p.id());
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("..", p.id(), "rootfs"));
    assertThat(link.resolve("bin/greet")).exists();
    managed.disable(p.id(), false);
    assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void aBundleWithoutDeclarationsIsRefusedAtPush() throws Exception {
    Path dir = bundle();
    Files.delete(dir.resolve(".plugin.toml"));
    assertThatThrownBy(() -> PluginArtifacts.pushExec(REGISTRY.client(), dir, List.of("greet"),
        ref("team/none:1"), "", m -> { })).isInstanceOfSatisfying(HangarException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_INVALID);
              assertThat(e).hasMessageContaining(".plugin.toml");
            });
  }

  @Test
  void aDockerPackageMayNotClaimHangarsKinds() throws Exception {
    Path pkg = Files.createDirectories(tmp.resolve("pkg"));
    Files.createDirectories(pkg.resolve("rootfs"));
    Files.writeString(pkg.resolve("config.json"), "{\"Entrypoint\":[\"/p\"],\"Interface\":"
        + "{\"Socket\":\"p.sock\",\"Types\":[\"docker.volumedriver/1.0\",\"hangar.jar/1.0\"]}}");

    assertThatThrownBy(() -> managed.create("sneaky", pkg))
        .isInstanceOfSatisfying(HangarException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_INVALID);
          assertThat(e).hasMessageContaining("Interface.Types[1]")
              .hasMessageContaining("\"hangar\"");
        });
  }

  @Test
  void anUpgradeKeepsTheKindAndAnInstalledJarPluginPushesAsItCame() throws Exception {
    PluginArtifacts.pushJar(REGISTRY.client(), jar("1.0"), ref("team/keep:1"), "", m -> { });
    PluginArtifacts.pushExec(REGISTRY.client(), bundle(), List.of("greet"), ref("team/keep:exec"), "",
        m -> { });
    ManagedPlugin p = managed.pull(PullRequest.of(ref("team/keep:1"), List.of(JAR_PRIVILEGE)),
        m -> { });

    assertThatThrownBy(() -> managed.upgrade(p.name(), PullRequest.of(ref("team/keep:exec"),
        List.of(EXEC_PRIVILEGE)), m -> { })).isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e).hasMessageContaining("an upgrade keeps the kind"));
    assertThat(managed.inspect(p.name()).kind()).isEqualTo(PluginKind.JAR);

    ManagedPlugin copy = managed.pull(PullRequest.of(ref("team/keep:1"), List.of(JAR_PRIVILEGE))
        .withName(ref("team/copy:1")), m -> { });
    PushResult again = managed.push(copy.name(), CredentialSource.NONE, m -> { });
    assertThat(again.digest()).isEqualTo(p.manifestDigest().orElseThrow());
    assertThat(REGISTRY.client().fetchManifest(Reference.parse(ref("team/copy:1"))).mediaType())
        .isEqualTo(MediaTypes.OCI_MANIFEST);
  }
}
