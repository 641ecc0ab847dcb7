package dev.hangar.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.testkit.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against Debian's real registry, anonymous, over plain http on loopback. */
class PushPullTest {
  @TempDir static Path dir;
  static RegistryServer registry;
  static RegistryClient client;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    registry = RegistryServer.builder(dir.resolve("registry")).start();
    client = RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(dir.resolve("no-certs")).build();
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

  private Repository repo(String name) {
    return new Repository(registry.address(), name);
  }

  @Test
  void pushedBlobsAndManifestComeBackByTagAndByDigest() throws Exception {
    Path work = Files.createDirectories(dir.resolve("roundtrip"));
    Path config = TestImages.textFile(work, "config", "{\"architecture\":\"amd64\",\"os\":\"linux\"}");
    Path layer = TestImages.randomFile(work, "layer", 3 * 1024 * 1024 + 17, 1);
    Repository repo = repo("plugins/roundtrip");

    RegistryClient.Pushed c = client.pushBlob(repo, config, Optional.empty());
    RegistryClient.Pushed l = client.pushBlob(repo, layer, Optional.empty());
    assertThat(c.how()).isEqualTo(BlobPush.UPLOADED);
    assertThat(l.how()).isEqualTo(BlobPush.UPLOADED);
    RawManifest m = TestImages.manifest(MediaTypes.DOCKER_MANIFEST,
        TestImages.describe(MediaTypes.DOCKER_CONFIG, config),
        List.of(TestImages.describe(MediaTypes.DOCKER_LAYER_GZIP, layer)));
    assertThat(client.pushManifest(repo.tag("1.0"), m)).isEqualTo(m.digest());

    ImageManifest byTag = client.pullManifest(repo.tag("1.0"));
    assertThat(byTag.digest()).isEqualTo(m.digest());
    assertThat(byTag.raw().bytes()).isEqualTo(m.bytes());
    assertThat(byTag.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(byTag.layers()).extracting(Descriptor::digest).containsExactly(l.descriptor().digest());
    ImageManifest byDigest = client.pullManifest(repo.digest(m.digest()));
    assertThat(byDigest.raw()).isEqualTo(byTag.raw());

    BlobStore store = BlobStore.at(work.resolve("store"));
    Path got = client.fetchBlob(repo, byTag.layers().get(0), store);
    assertThat(got).hasSameBinaryContentAs(layer);
    assertThat(client.fetchBlob(repo, byTag.config(), store)).hasSameBinaryContentAs(config);
    assertThat(client.listTags(repo)).containsExactly("1.0");
  }

  @Test
  void aBlobTheRepositoryHasIsNotSentAgainAndAnotherRepositoryMountsIt() throws Exception {
    Path work = Files.createDirectories(dir.resolve("mount"));
    Path blob = TestImages.randomFile(work, "blob", 200_000, 2);
    Repository a = repo("mount/a");
    Repository b = repo("mount/b");
    assertThat(client.pushBlob(a, blob, Optional.empty()).how()).isEqualTo(BlobPush.UPLOADED);
    assertThat(client.pushBlob(a, blob, Optional.empty()).how())
        .isEqualTo(BlobPush.ALREADY_PRESENT);
    assertThat(client.pushBlob(b, blob, Optional.of("mount/a")).how())
        .isEqualTo(BlobPush.MOUNTED);
    Path out = work.resolve("out");
    client.downloadBlob(b, Digest.of(Files.readAllBytes(blob)), Files.size(blob), out);
    assertThat(out).hasSameBinaryContentAs(blob);
  }

  @Test
  void aMountFromARepositoryWithoutTheBlobFallsBackToAnUpload() throws Exception {
    Path work = Files.createDirectories(dir.resolve("mount-fallback"));
    Path blob = TestImages.randomFile(work, "blob", 50_000, 3);
    assertThat(client.pushBlob(repo("fallback/b"), blob, Optional.of("fallback/nothing-here"))
        .how()).isEqualTo(BlobPush.UPLOADED);
  }

  @Test
  void chunkedUploadsArriveWhole() throws Exception {
    Path work = Files.createDirectories(dir.resolve("chunked"));
    Path blob = TestImages.randomFile(work, "blob", 1_000_003, 4);
    try (RegistryClient chunked = RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(dir.resolve("no-certs")).chunkSize(256 * 1024).build()) {
      Repository repo = repo("chunked/blob");
      assertThat(chunked.pushBlob(repo, blob, Optional.empty()).how())
          .isEqualTo(BlobPush.UPLOADED);
      Path out = work.resolve("out");
      chunked.downloadBlob(repo, Digest.of(Files.readAllBytes(blob)), Files.size(blob), out);
      assertThat(out).hasSameBinaryContentAs(blob);
    }
  }

  @Test
  void aManifestListResolvesToLinuxAmd64() throws Exception {
    Path work = Files.createDirectories(dir.resolve("list"));
    Repository repo = repo("multi/arch");
    Descriptor arm = pushImage(repo, work, "arm64", 10);
    Descriptor amd = pushImage(repo, work, "amd64", 11);
    for (String type : List.of(MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_INDEX)) {
      RawManifest list = TestImages.index(type, List.of(
          withPlatform(arm, new Platform("linux", "arm64", Optional.of("v8"))),
          withPlatform(amd, Platform.LINUX_AMD64)));
      client.pushManifest(repo.tag("multi"), list);

      ImageManifest picked = client.pullManifest(repo.tag("multi"));
      assertThat(picked.digest()).isEqualTo(amd.digest());
      assertThat(picked.index()).map(RawManifest::digest).contains(list.digest());
      assertThat(client.fetchManifest(repo.tag("multi")).digest()).isEqualTo(list.digest());
    }
  }

  @Test
  void aManifestListWithoutTheClientsPlatformIsNotFound() throws Exception {
    Path work = Files.createDirectories(dir.resolve("list-none"));
    Repository repo = repo("multi/none");
    Descriptor arm = pushImage(repo, work, "arm64", 12);
    client.pushManifest(repo.tag("arm-only"), TestImages.index(MediaTypes.OCI_INDEX,
        List.of(withPlatform(arm, new Platform("linux", "arm64", Optional.empty())))));
    assertThatThrownBy(() -> client.pullManifest(repo.tag("arm-only")))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_NOT_FOUND))
        .hasMessageContaining("no matching manifest for linux/amd64")
        .hasMessageContaining(registry.address() + "/multi/none:arm-only");
  }

  @Test
  void anUnknownTagIsManifestNotFoundNamingRegistryRepositoryAndTag() {
    assertThatThrownBy(() -> client.pullManifest(repo("plugins/absent").tag("9.9")))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_NOT_FOUND);
          assertThat(e.registry()).isEqualTo(registry.address());
          assertThat(e.repository()).isEqualTo("plugins/absent");
          assertThat(e.reference()).isEqualTo("9.9");
          assertThat(e.status()).contains(404);
          assertThat(e.errors()).extracting(RegistryError::code).isNotEmpty();
        })
        .hasMessageContaining("manifest " + registry.address() + "/plugins/absent:9.9");
  }

  @Test
  void anUnknownBlobIsBlobNotFoundAndLeavesNothing() throws Exception {
    Path work = Files.createDirectories(dir.resolve("absent-blob"));
    Digest d = Digest.of(new byte[] {1, 2, 3});
    BlobStore store = BlobStore.at(work);
    assertThatThrownBy(() -> client.fetchBlob(repo("plugins/absent"),
        Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, d, 3), store))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_NOT_FOUND))
        .hasMessageContaining(registry.address() + "/plugins/absent@" + d);
    assertThat(store.contains(d)).isFalse();
    assertThat(Files.list(store.root().resolve("sha256"))).isEmpty();
  }

  @Test
  void aManifestNamingAMissingBlobIsRefusedAsInvalid() throws Exception {
    Path work = Files.createDirectories(dir.resolve("missing-blob"));
    Path config = TestImages.textFile(work, "config", "{}");
    Repository repo = repo("plugins/missing");
    client.pushBlob(repo, config, Optional.empty());
    RawManifest m = TestImages.manifest(MediaTypes.DOCKER_MANIFEST,
        TestImages.describe(MediaTypes.DOCKER_CONFIG, config),
        List.of(Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, Digest.of(new byte[] {9}), 1)));
    assertThatThrownBy(() -> client.pushManifest(repo.tag("x"), m))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID))
        .hasMessageContaining("manifest push " + registry.address() + "/plugins/missing:x");
  }

  private Descriptor pushImage(Repository repo, Path work, String arch, long seed)
      throws Exception {
    Path config = TestImages.textFile(work, "config-" + arch,
        "{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}");
    Path layer = TestImages.randomFile(work, "layer-" + arch, 10_000, seed);
    client.pushBlob(repo, config, Optional.empty());
    client.pushBlob(repo, layer, Optional.empty());
    RawManifest m = TestImages.manifest(MediaTypes.DOCKER_MANIFEST,
        TestImages.describe(MediaTypes.DOCKER_CONFIG, config),
        List.of(TestImages.describe(MediaTypes.DOCKER_LAYER_GZIP, layer)));
    client.pushManifest(repo.digest(m.digest()), m);
    return Descriptor.of(m.mediaType(), m.digest(), m.bytes().length);
  }

  private static Descriptor withPlatform(Descriptor d, Platform p) {
    return new Descriptor(d.mediaType(), d.digest(), d.size(), Optional.of(p));
  }
}
