package dev.hangar.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.testkit.registry.RegistryServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hangar's client and skopeo (containers/image, not Docker's code) read each other's pushes. */
class SkopeoInteropTest {
  @TempDir static Path dir;
  static RegistryServer registry;
  static RegistryClient client;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
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

  @Test
  void anImageSkopeoCopiedIntoTheRegistryIsPulledAndVerified() throws Exception {
    Path src = Files.createDirectories(dir.resolve("skopeo-src"));
    Image img = writeDirImage(src, 30);
    skopeo("copy", "--insecure-policy", "--dest-tls-verify=false", "dir:" + src,
        "docker://" + registry.address() + "/from/skopeo:v1");

    Reference ref = Reference.parse(registry.address() + "/from/skopeo:v1");
    ImageManifest m = client.pullManifest(ref);
    assertThat(m.digest()).isEqualTo(img.manifest.digest());
    assertThat(m.config().digest()).isEqualTo(img.config.digest());
    assertThat(m.layers()).extracting(Descriptor::digest).containsExactly(img.layer.digest());
    BlobStore store = BlobStore.at(dir.resolve("store-skopeo"));
    Path layer = client.fetchBlob(Repository.of(ref), m.layers().get(0), store);
    assertThat(layer).hasSameBinaryContentAs(src.resolve(img.layer.digest().hex()));
    assertThat(client.listTags(Repository.of(ref))).containsExactly("v1");
  }

  @Test
  void anImageHangarPushedIsReadByteForByteBySkopeo() throws Exception {
    Path work = Files.createDirectories(dir.resolve("hangar-src"));
    Image img = writeDirImage(work, 31);
    Repository repo = new Repository(registry.address(), "from/hangar");
    client.pushBlob(repo, work.resolve(img.config.digest().hex()), Optional.empty());
    client.pushBlob(repo, work.resolve(img.layer.digest().hex()), Optional.empty());
    client.pushManifest(repo.tag("v2"), img.manifest);

    String raw = skopeo("inspect", "--tls-verify=false", "--raw",
        "docker://" + registry.address() + "/from/hangar:v2");
    assertThat(raw.getBytes(StandardCharsets.UTF_8)).isEqualTo(img.manifest.bytes());
    Path out = dir.resolve("skopeo-out");
    skopeo("copy", "--insecure-policy", "--src-tls-verify=false",
        "docker://" + registry.address() + "/from/hangar:v2", "dir:" + out);
    assertThat(Files.readAllBytes(out.resolve("manifest.json"))).isEqualTo(img.manifest.bytes());
    assertThat(out.resolve(img.layer.digest().hex()))
        .hasSameBinaryContentAs(work.resolve(img.layer.digest().hex()));
    assertThat(out.resolve(img.config.digest().hex()))
        .hasSameBinaryContentAs(work.resolve(img.config.digest().hex()));
  }

  private record Image(RawManifest manifest, Descriptor config, Descriptor layer) {}

  /** An image in skopeo's {@code dir:} layout: blobs named by hex digest, manifest.json. */
  private static Image writeDirImage(Path d, long seed) throws IOException {
    byte[] tar = new byte[256 * 1024];
    new Random(seed).nextBytes(tar);
    Path gz = d.resolve("layer.tmp");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(tar);
    }
    Descriptor layer = TestImages.describe(MediaTypes.DOCKER_LAYER_GZIP, gz);
    Files.move(gz, d.resolve(layer.digest().hex()));
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.of(tar) + "\"]}}";
    Path cfg = d.resolve("config.tmp");
    Files.writeString(cfg, config);
    Descriptor c = TestImages.describe(MediaTypes.DOCKER_CONFIG, cfg);
    Files.move(cfg, d.resolve(c.digest().hex()));
    RawManifest m = TestImages.manifest(MediaTypes.DOCKER_MANIFEST, c, List.of(layer));
    Files.write(d.resolve("manifest.json"), m.bytes());
    Files.writeString(d.resolve("version"), "Directory Transport Version: 1.1\n");
    return new Image(m, c, layer);
  }

  private static String skopeo(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("skopeo");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", dir.toString());
    Path err = Files.createTempFile(dir, "skopeo", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("skopeo %s: %s", cmd, Files.readString(err)).isZero();
    return out;
  }
}
