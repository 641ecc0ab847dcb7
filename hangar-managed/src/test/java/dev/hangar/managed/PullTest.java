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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pulls of plugin images from Debian's real registry into the managed store. */
class PullTest {
  @RegisterExtension static final LoopbackRegistry REGISTRY = new LoopbackRegistry();

  @TempDir Path tmp;
  private ManagedPlugins managed;
  private final List<ProgressMessage> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    managed = ManagedPlugins.open(settings(tmp.resolve("root")));
  }

  @AfterEach
  void close() {
    if (managed != null) {
      managed.close();
    }
  }

  private static ManagedSettings settings(Path root) {
    return ManagedSettings.defaults(root).withRegistry(REGISTRY.client());
  }

  private Reference ref(String repoAndTag) {
    return Reference.parse(REGISTRY.server().address() + "/" + repoAndTag);
  }

  private PluginImages.Pushed push(String repoAndTag, String config, byte[]... layers)
      throws IOException {
    return PluginImages.push(REGISTRY.client(), tmp.resolve("work"), ref(repoAndTag), config,
        List.of(layers));
  }

  private Path blobs() {
    return tmp.resolve("root/managed/blobs/sha256");
  }

  private List<String> blobFiles() throws IOException {
    try (Stream<Path> s = Files.list(blobs())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void assertNothingInstalled() throws IOException {
    assertThat(managed.list()).isEmpty();
    Path staging = tmp.resolve("root/managed/tmp");
    if (Files.isDirectory(staging)) {
      try (Stream<Path> s = Files.list(staging)) {
        assertThat(s.toList()).as("staging left behind").isEmpty();
      }
    }
  }

  @Test
  void aPulledPluginIsDisabledWithItsReferenceSettingsRootfsAndBlobs() throws Exception {
    PluginImages.Pushed img = push("team/gp:1.0", PluginImages.CONFIG,
        PluginImages.simpleLayer("hello\n"));

    ManagedPlugin p = managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        progress::add);

    assertThat(p.name()).isEqualTo(REGISTRY.server().address() + "/team/gp:1.0");
    assertThat(p.pluginReference()).isEqualTo(REGISTRY.server().address() + "/team/gp:1.0");
    assertThat(p.enabled()).isFalse();
    assertThat(p.settings().env()).containsExactly("DEBUG=0");
    assertThat(p.manifestDigest()).contains(img.manifest().toString());
    Path rootfs = tmp.resolve("root/managed").resolve(p.id()).resolve("rootfs");
    assertThat(rootfs.resolve("etc/motd")).hasContent("hello");
    assertThat(Files.isExecutable(rootfs.resolve("bin/p"))).isTrue();
    assertThat(blobFiles()).contains(img.manifest().hex(), img.config().hex(),
        img.layers().get(0).hex());
    JsonNode state = Json.MAPPER.readTree(tmp.resolve("root/managed").resolve(p.id())
        .resolve("config.json").toFile());
    assertThat(state.path("Manifest").asText()).isEqualTo(img.manifest().toString());
    assertThat(state.path("Config").asText()).isEqualTo(img.config().toString());
    assertThat(state.path("Blobsums").get(0).asText()).isEqualTo(img.layers().get(0).toString());
    assertThat(progress).extracting(ProgressMessage::status).contains(
        "Pulling from " + REGISTRY.server().address() + "/team/gp", "Digest: " + img.manifest(),
        "Pulling fs layer", "Download complete", "Pull complete");

    managed.close();
    managed = ManagedPlugins.open(settings(tmp.resolve("root")));
    assertThat(managed.inspect(p.id()).manifestDigest()).contains(img.manifest().toString());
  }

  @Test
  void aPullIsMobysPullEventWhoseActorIsTheFamiliarRemoteAndWhoseNameIsTheLocalName()
      throws Exception {
    PluginImages.Pushed img = push("team/ev:1", PluginImages.CONFIG,
        PluginImages.simpleLayer("x"));
    List<ManagedEvent> events = new CopyOnWriteArrayList<>();
    managed.subscribe(events::add);

    managed.pull(PullRequest.of(img.ref().toString(), List.of()).withName("ev-local"), m -> { });

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("pull");
      assertThat(e.id()).isEqualTo(REGISTRY.server().address() + "/team/ev:1");
      assertThat(e.name()).isEqualTo("ev-local:latest");
    });
  }

  @Test
  void theSameImageUnderTheSameNameGetsTheSameIdOnEveryRoot() throws Exception {
    PluginImages.Pushed img = push("team/fleet:1", PluginImages.CONFIG,
        PluginImages.simpleLayer("x"));
    ManagedPlugin here = managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        progress::add);
    ManagedPlugin other;
    try (ManagedPlugins second = ManagedPlugins.open(settings(tmp.resolve("other")))) {
      other = second.pull(PullRequest.of(img.ref().toString(), List.of()), progress::add);
      assertThat(second.pull(new PullRequest(img.ref().toString(), "alias:1", List.of(),
          CredentialSource.NONE), progress::add).id()).isNotEqualTo(here.id());
    }
    assertThat(other.id()).isEqualTo(here.id());
  }

  @Test
  void privilegesAreReadFromTheConfigAndMustBeGrantedExactly() throws Exception {
    PluginImages.Pushed img = push("team/priv:1", PluginImages.PRIVILEGED,
        PluginImages.simpleLayer("x"));
    List<Privilege> asked = managed.remotePrivileges(img.ref().toString(), CredentialSource.NONE);
    assertThat(asked).extracting(Privilege::name).containsExactly("network", "capabilities");
    assertThat(asked.get(0).value()).containsExactly("host");

    for (List<Privilege> wrong : List.of(List.<Privilege>of(), asked.subList(0, 1),
        List.of(asked.get(0), new Privilege("capabilities", "", List.of("CAP_NET_ADMIN"))))) {
      assertThatThrownBy(() -> managed.pull(PullRequest.of(img.ref().toString(), wrong),
          progress::add))
          .isInstanceOf(HangarException.class).hasMessage("incorrect privileges")
          .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.PRIVILEGES_INCORRECT);
      assertNothingInstalled();
    }
    assertThat(blobFiles()).as("no layer fetched without the grant")
        .doesNotContain(img.layers().get(0).hex());

    List<Privilege> reordered = List.of(new Privilege("capabilities", "ignored",
        List.of("CAP_SYS_ADMIN")), new Privilege("network", "", List.of("host")));
    ManagedPlugin p = managed.pull(PullRequest.of(img.ref().toString(), reordered),
        progress::add);
    assertThat(p.privileges()).isEqualTo(asked);
  }

  @Test
  void aNameThatExistsIsRefusedAsDockerDoesAndAnAliasInstallsIt() throws Exception {
    PluginImages.Pushed img = push("team/dup:1", PluginImages.CONFIG,
        PluginImages.simpleLayer("x"));
    managed.pull(PullRequest.of(img.ref().toString(), List.of()), progress::add);
    String name = REGISTRY.server().address() + "/team/dup:1";
    assertThatThrownBy(() -> managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        progress::add)).hasMessage("plugin " + name + " already exists")
        .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.PLUGIN_EXISTS);

    ManagedPlugin alias = managed.pull(PullRequest.of(img.ref().toString(), List.of())
        .withName("gp"), progress::add);
    assertThat(alias.name()).isEqualTo("gp:latest");
    assertThat(alias.pluginReference()).isEqualTo(name);
    assertThat(progress).extracting(ProgressMessage::status).contains("Already exists");
  }

  @Test
  void aDigestReferencePinsTheManifestAndTheNameKeepsTheTag() throws Exception {
    PluginImages.Pushed img = push("team/pin:2.0", PluginImages.CONFIG,
        PluginImages.simpleLayer("x"));
    String pinned = REGISTRY.server().address() + "/team/pin:2.0@" + img.manifest();
    ManagedPlugin p = managed.pull(PullRequest.of(pinned, List.of()), progress::add);
    assertThat(p.name()).isEqualTo(REGISTRY.server().address() + "/team/pin:2.0");
    assertThat(p.pluginReference()).isEqualTo(REGISTRY.server().address() + "/team/pin@" + img.manifest());

    String wrong = REGISTRY.server().address() + "/team/pin@sha256:" + "ab".repeat(32);
    assertThatThrownBy(() -> managed.pull(PullRequest.of(wrong, List.of()).withName("other"),
        progress::add)).isInstanceOf(HangarException.class)
        .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.MANIFEST_NOT_FOUND);
  }

  @Test
  void aTamperedLayerInstallsNothingAndNamesBothDigests() throws Exception {
    PluginImages.Pushed img = push("team/tampered:1", PluginImages.CONFIG,
        PluginImages.simpleLayer("the real bytes"));
    Digest layer = img.layers().get(0);
    Path data = REGISTRY.server().blobFile(layer.hex());
    byte[] evil = Files.readAllBytes(data);
    evil[evil.length / 2] ^= 0x55; // same size, other bytes
    Files.write(data, evil);

    assertThatThrownBy(() -> managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        progress::add)).isInstanceOf(HangarException.class)
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.DIGEST_MISMATCH))
        .hasMessageContaining(layer.toString())
        .hasMessageContaining(Digest.of(evil).toString());
    assertNothingInstalled();
    assertThat(blobFiles()).doesNotContain(layer.hex());
  }

  @Test
  void aRegistryDyingMidPullInstallsNothingAndTheRetryReusesVerifiedBlobs() throws Exception {
    PluginImages.Pushed img = push("team/dying:1", PluginImages.CONFIG,
        new PluginImages.Layer().dir("a").file("a/one", "1").gzip(),
        new PluginImages.Layer().dir("b").file("b/two", "2").gzip());
    String first = img.layers().get(0).hex().substring(0, 12);
    try {
      assertThatThrownBy(() -> managed.pull(PullRequest.of(img.ref().toString(), List.of()),
          m -> {
            if (m.id().equals(first) && m.status().equals("Download complete")) {
              REGISTRY.server().kill();
            }
          })).isInstanceOf(HangarException.class)
          .extracting(e -> ((HangarException) e).code())
          .isEqualTo(ErrorCode.REGISTRY_UNREACHABLE);
      assertNothingInstalled();
    } finally {
      REGISTRY.server().restart();
    }
    ManagedPlugin p = managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        progress::add);
    assertThat(progress).contains(ProgressMessage.of(first, "Already exists"));
    Path rootfs = tmp.resolve("root/managed").resolve(p.id()).resolve("rootfs");
    assertThat(rootfs.resolve("a/one")).hasContent("1");
    assertThat(rootfs.resolve("b/two")).hasContent("2");
  }

  @Test
  void layersApplyInOrderWithDockersWhiteouts() throws Exception {
    PluginImages.Pushed img = push("team/layers:1", PluginImages.CONFIG,
        new PluginImages.Layer().dir("a").file("a/gone", "x").file("a/kept", "k")
            .dir("d").file("d/old", "o").file("f", "first").gzip(),
        new PluginImages.Layer().dir("a").file("a/.wh.gone", "").dir("d")
            .file("d/.wh..wh..opq", "").file("d/new", "n").file("f", "second")
            .dir("f2").gzip());
    ManagedPlugin p = managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        progress::add);
    Path rootfs = tmp.resolve("root/managed").resolve(p.id()).resolve("rootfs");
    assertThat(rootfs.resolve("a/gone")).doesNotExist();
    assertThat(rootfs.resolve("a/.wh.gone")).doesNotExist();
    assertThat(rootfs.resolve("a/kept")).hasContent("k");
    assertThat(rootfs.resolve("d/old")).doesNotExist();
    assertThat(rootfs.resolve("d/new")).hasContent("n");
    assertThat(rootfs.resolve("d/.wh..wh..opq")).doesNotExist();
    assertThat(rootfs.resolve("f")).hasContent("second");
    assertThat(rootfs.resolve("f2")).isDirectory();
  }

  @Test
  void layersThatBreakThePackageRulesInstallNothing() throws Exception {
    List<byte[]> bad = List.of(
        new PluginImages.Layer().raw("../escape", "x").gzip(),
        new PluginImages.Layer().raw("/abs", "x").gzip(),
        new PluginImages.Layer().device("null").gzip(),
        new PluginImages.Layer().symlink("up", "../../..").gzip());
    int i = 0;
    for (byte[] layer : bad) {
      PluginImages.Pushed img = push("team/bad:" + i++, PluginImages.CONFIG, layer);
      assertThatThrownBy(() -> managed.pull(PullRequest.of(img.ref().toString(), List.of()),
          progress::add)).isInstanceOf(HangarException.class)
          .hasMessageContaining("layer " + img.layers().get(0))
          .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.PACKAGE_INVALID);
      assertNothingInstalled();
    }
  }

  @Test
  void anImageThatIsNotAPluginIsRefusedNamingTheReference() throws Exception {
    PluginImages.Pushed img = PluginImages.push(REGISTRY.client(), tmp.resolve("work"),
        ref("team/image:1"), "{\"architecture\":\"amd64\"}", MediaTypes.DOCKER_CONFIG,
        List.of(PluginImages.simpleLayer("x")));
    assertThatThrownBy(() -> managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        progress::add)).isInstanceOf(HangarException.class)
        .hasMessageContaining(img.ref().toString())
        .hasMessageContaining("not a plugin image")
        .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.MANIFEST_INVALID);
    assertNothingInstalled();
  }

  @Test
  void rmRemovesTheBlobsNoOtherPluginRefersTo() throws Exception {
    byte[] layer = PluginImages.simpleLayer("shared");
    PluginImages.Pushed a = push("team/share-a:1", PluginImages.CONFIG, layer);
    PluginImages.Pushed b = push("team/share-b:1", PluginImages.CONFIG.replace("test plugin",
        "another"), layer);
    ManagedPlugin pa = managed.pull(PullRequest.of(a.ref().toString(), List.of()), m -> { });
    ManagedPlugin pb = managed.pull(PullRequest.of(b.ref().toString(), List.of()), m -> { });
    assertThat(a.layers()).isEqualTo(b.layers());

    managed.remove(pa.id(), false);
    assertThat(blobFiles()).contains(b.layers().get(0).hex(), b.config().hex(),
        b.manifest().hex()).doesNotContain(a.config().hex(), a.manifest().hex());
    managed.remove(pb.id(), false);
    assertThat(blobFiles()).isEmpty();
  }

  @Test
  void theBlobStoresTempDirIsEmptiedAtOpen() throws Exception {
    managed.close();
    Path junk = Files.createDirectories(tmp.resolve("root/managed/blobs/tmp"))
        .resolve("blob123.tmp");
    Files.writeString(junk, "half a blob");
    managed = ManagedPlugins.open(settings(tmp.resolve("root")));
    assertThat(junk).doesNotExist();
  }
}
