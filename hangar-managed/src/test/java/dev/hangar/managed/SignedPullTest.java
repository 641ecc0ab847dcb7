package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Reference;
import dev.hangar.registry.sign.SignaturePolicy;
import dev.hangar.registry.sign.Signer;
import dev.hangar.registry.sign.SigningKey;
import dev.hangar.registry.sign.VerificationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manager whose settings carry a signature policy: pulls and upgrades verify the manifest
 * against Debian's real registry before any layer is fetched.
 */
class SignedPullTest {
  @RegisterExtension static final LoopbackRegistry REGISTRY = new LoopbackRegistry();
  static KeyPair trusted;
  static KeyPair other;

  @TempDir Path tmp;
  private ManagedPlugins managed;

  @BeforeAll
  static void makeKeys() throws GeneralSecurityException {
    trusted = keyPair();
    other = keyPair();
  }

  static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  @BeforeEach
  void open() {
    SignaturePolicy policy = SignaturePolicy.requiring(List.of(
        new VerificationKey("trusted.pub", trusted.getPublic())));
    managed = ManagedPlugins.open(ManagedSettings.defaults(tmp.resolve("root"))
        .withRegistry(REGISTRY.client()).withSignaturePolicy(policy));
  }

  @AfterEach
  void close() {
    if (managed != null) {
      managed.close();
    }
  }

  private PluginImages.Pushed push(String repoAndTag, String motd) throws IOException {
    return PluginImages.push(REGISTRY.client(), tmp.resolve("work"),
        Reference.parse(REGISTRY.server().address() + "/" + repoAndTag), PluginImages.CONFIG,
        List.of(PluginImages.simpleLayer(motd)));
  }

  private static void sign(PluginImages.Pushed img, KeyPair kp, String name) {
    Signer.sign(REGISTRY.client(), img.ref(), img.manifest(), new SigningKey(name, kp.getPrivate()));
  }

  private List<String> blobFiles() throws IOException {
    Path dir = tmp.resolve("root/managed/blobs/sha256");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void anUnsignedPluginIsRefusedBeforeAnyLayerIsFetchedAndNothingIsInstalled()
      throws Exception {
    PluginImages.Pushed img = push("team/unsigned:1", "u\n");

    assertThatThrownBy(() -> managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        m -> { }))
        .isInstanceOf(HangarException.class)
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.SIGNATURE_REQUIRED))
        .hasMessageContaining(REGISTRY.server().address() + "/team/unsigned")
        .hasMessageContaining(img.manifest().toString());
    assertThat(managed.list()).isEmpty();
    assertThat(blobFiles()).doesNotContain(img.layers().get(0).hex());
  }

  @Test
  void aPluginSignedByAnotherKeyIsRefusedAsInvalid() throws Exception {
    PluginImages.Pushed img = push("team/other:1", "o\n");
    sign(img, other, "other.key");

    assertThatThrownBy(() -> managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        m -> { }))
        .isInstanceOf(HangarException.class)
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.SIGNATURE_INVALID))
        .hasMessageContaining(img.manifest().toString());
    assertThat(managed.list()).isEmpty();
    assertThat(blobFiles()).doesNotContain(img.layers().get(0).hex());
  }

  @Test
  void aSignedPluginInstallsAndAnUnsignedUpgradeLeavesItAsItWas() throws Exception {
    PluginImages.Pushed v1 = push("team/signed:1", "one\n");
    sign(v1, trusted, "trusted.key");
    PluginImages.Pushed v2 = push("team/signed:2", "two\n");

    ManagedPlugin p = managed.pull(PullRequest.of(v1.ref().toString(), List.of()), m -> { });
    assertThat(p.manifestDigest()).contains(v1.manifest().toString());

    assertThatThrownBy(() -> managed.upgrade(p.name(), PullRequest.of(v2.ref().toString(),
        List.of()), m -> { }))
        .isInstanceOf(HangarException.class)
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.SIGNATURE_REQUIRED))
        .hasMessageContaining(v2.manifest().toString());
    assertThat(managed.inspect(p.id()).manifestDigest()).contains(v1.manifest().toString());
    assertThat(managed.inspect(p.id()).pluginReference()).isEqualTo(v1.ref().toString());
  }
}
