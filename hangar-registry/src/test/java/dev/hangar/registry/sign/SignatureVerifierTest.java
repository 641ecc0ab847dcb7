package dev.hangar.registry.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Digest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import dev.hangar.registry.internal.sign.SignatureImage;
import dev.hangar.testkit.registry.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cosign-layout signatures pushed to and verified against Debian's real registry. */
class SignatureVerifierTest {
  @TempDir static Path dir;
  static RegistryServer registry;
  static RegistryClient client;
  static KeyPair right;
  static KeyPair other;
  static SignTestKit.KeyFiles rightFiles;
  static SignTestKit.KeyFiles otherFiles;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    registry = RegistryServer.builder(dir.resolve("registry")).start();
    client = RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(dir.resolve("no-certs")).build();
    right = SignTestKit.keyPair(1);
    other = SignTestKit.keyPair(2);
    rightFiles = SignTestKit.write(dir, "right", right);
    otherFiles = SignTestKit.write(dir, "other", other);
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

  private static Repository repo(String name) {
    return new Repository(registry.address(), name);
  }

  private static SignatureVerifier requiringRight() {
    return SignatureVerifier.of(SignaturePolicy.requiring(List.of(rightFiles.verification())));
  }

  @Test
  void hangarsSignatureVerifiesWithTheRightKey() throws Exception {
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo("signed/good"), "1.0", 10);
    PushedSignature pushed = Signer.sign(client, img.ref(), img.digest(), rightFiles.signing());
    assertThat(pushed.signatures().tag()).contains("sha256-" + img.digest().hex() + ".sig");
    assertThat(pushed.count()).isEqualTo(1);

    VerifiedSignature v = requiringRight().verify(client, img.ref(), img.digest()).orElseThrow();
    assertThat(v.key().fingerprint()).isEqualTo(rightFiles.verification().fingerprint());
    assertThat(v.payload().manifestDigest()).isEqualTo(img.digest());
    assertThat(v.payload().dockerReference()).isEqualTo(registry.address() + "/signed/good");
    assertThat(v.payload().optional()).containsEntry("creator", Signer.CREATOR);
    assertThat(v.payloadDigest()).isEqualTo(pushed.payloadDigest());
    assertThat(v.signatures()).isEqualTo(pushed.signatures());
    // the signature image is what cosign reads: an OCI manifest of simple-signing layers
    var raw = client.fetchManifest(pushed.signatures());
    assertThat(raw.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(SignatureImage.layers(raw)).singleElement().satisfies(l -> {
      assertThat(l.mediaType()).isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
      assertThat(l.annotations()).containsKey("dev.cosignproject.cosign/signature");
    });
  }

  @Test
  void aSignatureByAnotherKeyIsRefusedNamingReferenceDigestAndWhy() throws Exception {
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo("signed/other-key"), "1.0", 11);
    Signer.sign(client, img.ref(), img.digest(), otherFiles.signing());

    assertThatThrownBy(() -> requiringRight().verify(client, img.ref(), img.digest()))
        .isInstanceOfSatisfying(SignatureException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
          assertThat(e.digest()).isEqualTo(img.digest());
        })
        .hasMessageContaining(registry.address() + "/signed/other-key:1.0@" + img.digest())
        .hasMessageContaining("not a signature of its payload by " + rightFiles.publicKey());
  }

  @Test
  void aPayloadNamingAnotherManifestIsRefused() throws Exception {
    Repository repo = repo("signed/swapped");
    SignTestKit.Image a = SignTestKit.pushPlugin(client, repo, "a", 12);
    SignTestKit.Image b = SignTestKit.pushPlugin(client, repo, "b", 13);
    // a valid signature of b's payload, by the right key, put where a's signatures are
    SignTestKit.pushSignatures(client, repo, a.digest(), SimpleSigningPayload.MEDIA_TYPE,
        List.of(SignTestKit.Sig.of(SignTestKit.payload(repo.toString(), b.digest()), right)));

    assertThatThrownBy(() -> requiringRight().verify(client, a.ref(), a.digest()))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("for manifest " + b.digest() + ", not " + a.digest())
        .extracting(e -> ((SignatureException) e).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void aSignatureOverOtherBytesIsRefused() throws Exception {
    Repository repo = repo("signed/other-bytes");
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo, "1.0", 14);
    byte[] payload = SignTestKit.payload(repo.toString(), img.digest());
    byte[] spaced = (new String(payload, StandardCharsets.UTF_8) + " ")
        .getBytes(StandardCharsets.UTF_8); // the same claims, other bytes
    String sigOfSpaced = SignTestKit.Sig.of(spaced, right).signature();
    SignTestKit.pushSignatures(client, repo, img.digest(), SimpleSigningPayload.MEDIA_TYPE,
        List.of(new SignTestKit.Sig(payload, sigOfSpaced)));

    assertThatThrownBy(() -> requiringRight().verify(client, img.ref(), img.digest()))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("not a signature of its payload");
  }

  @Test
  void anUnsignedManifestIsRefusedAsSignatureRequiredWithoutFetchingALayer() throws Exception {
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo("signed/none"), "1.0", 15);

    assertThatThrownBy(() -> requiringRight().verify(client, img.ref(), img.digest()))
        .isInstanceOfSatisfying(SignatureException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_REQUIRED))
        .hasMessageContaining(img.ref().toString())
        .hasMessageContaining("unsigned")
        .hasMessageContaining(SignatureImage.tag(img.digest()));
    assertThat(registry.log()).noneMatch(line -> line.contains("/blobs/" + img.layer().digest())
        && line.contains("GET"));
  }

  @Test
  void verificationFetchesNoLayerOfThePlugin() throws Exception {
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo("signed/no-layer"), "1.0", 16);
    Signer.sign(client, img.ref(), img.digest(), rightFiles.signing());
    // the layer is broken in the registry's storage: verification must not care
    Files.write(registry.blobFile(img.layer().digest().hex()), new byte[] {1, 2, 3});

    VerifiedSignature v = requiringRight().verify(client, img.ref(), img.digest()).orElseThrow();
    // the log shows blob GETs (the payload's), and none of the layer
    assertThat(registry.log()).anyMatch(line -> line.contains("/blobs/" + v.payloadDigest())
        && line.contains("GET"));
    assertThat(registry.log()).noneMatch(line -> line.contains("/blobs/" + img.layer().digest())
        && line.contains("GET"));
  }

  @Test
  void oneValidSignatureAmongInvalidOnesIsEnough() throws Exception {
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo("signed/several"), "1.0", 17);
    Signer.sign(client, img.ref(), img.digest(), otherFiles.signing());
    PushedSignature second = Signer.sign(client, img.ref(), img.digest(), rightFiles.signing());
    assertThat(second.count()).isEqualTo(2);

    VerifiedSignature v = requiringRight().verify(client, img.ref(), img.digest()).orElseThrow();
    assertThat(v.payloadDigest()).isEqualTo(second.payloadDigest());
    // and either of two keys will do
    SignatureVerifier either = SignatureVerifier.of(SignaturePolicy.requiring(
        List.of(otherFiles.verification(), rightFiles.verification())));
    assertThat(either.verify(client, img.ref(), img.digest())).isPresent();
  }

  @Test
  void aSignatureForAnotherRepositoryIsRefusedUnlessTheScopeAcceptsAnyIdentity()
      throws Exception {
    Repository origin = repo("origin/vol");
    Repository mirror = repo("mirror/vol");
    SignTestKit.Image o = SignTestKit.pushPlugin(client, origin, "1.0", 18);
    SignTestKit.Image m = SignTestKit.pushPlugin(client, mirror, "1.0", 18);
    assertThat(m.digest()).isEqualTo(o.digest());
    // the mirror carries the origin's signature, payload and all
    SignTestKit.pushSignatures(client, mirror, m.digest(), SimpleSigningPayload.MEDIA_TYPE,
        List.of(SignTestKit.Sig.of(SignTestKit.payload(origin.toString(), o.digest()), right)));

    assertThatThrownBy(() -> requiringRight().verify(client, m.ref(), m.digest()))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("for repository " + origin + ", not " + mirror);
    SignatureRequirement any = new SignatureRequirement(mirror.toString(), true,
        List.of(rightFiles.verification()), SignedIdentity.ANY);
    SignatureVerifier lenient = SignatureVerifier.of(new SignaturePolicy(
        SignatureRequirement.NONE, Map.of(mirror.toString(), any)));
    assertThat(lenient.verify(client, m.ref(), m.digest())).isPresent();
  }

  @Test
  void aPayloadNamingTheRepositoryWithAnotherTagAsContainersImageWritesItVerifies()
      throws Exception {
    Repository repo = repo("signed/tagged");
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo, "2.0", 23);
    SignTestKit.pushSignatures(client, repo, img.digest(), SimpleSigningPayload.MEDIA_TYPE,
        List.of(SignTestKit.Sig.of(SignTestKit.payload(repo + ":1.0", img.digest()), right)));

    assertThat(requiringRight().verify(client, img.ref(), img.digest()).orElseThrow()
        .payload().dockerReference()).isEqualTo(repo + ":1.0");
  }

  @Test
  void aPayloadTamperedInTheRegistrysStorageIsRefused() throws Exception {
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo("signed/tampered"), "1.0", 19);
    PushedSignature s = Signer.sign(client, img.ref(), img.digest(), rightFiles.signing());
    Path data = registry.blobFile(s.payloadDigest().hex());
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 1;
    Files.write(data, bytes);

    assertThatThrownBy(() -> requiringRight().verify(client, img.ref(), img.digest()))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("cannot be fetched");
  }

  @Test
  void layersThatAreNotSimpleSigningPayloadsOrLackASignatureAreNotSignatures() throws Exception {
    Repository repo = repo("signed/odd-layers");
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo, "1.0", 20);
    byte[] payload = SignTestKit.payload(repo.toString(), img.digest());
    SignTestKit.pushSignatures(client, repo, img.digest(), "application/octet-stream",
        List.of(SignTestKit.Sig.of(payload, right)));
    assertThatThrownBy(() -> requiringRight().verify(client, img.ref(), img.digest()))
        .hasMessageContaining("media type application/octet-stream is not");

    SignTestKit.pushSignatures(client, repo, img.digest(), SimpleSigningPayload.MEDIA_TYPE,
        List.of(new SignTestKit.Sig(payload, null)));
    assertThatThrownBy(() -> requiringRight().verify(client, img.ref(), img.digest()))
        .hasMessageContaining("no dev.cosignproject.cosign/signature annotation");
  }

  @Test
  void whereThePolicyRequiresNothingNothingIsFetched() throws Exception {
    Repository open = repo("open/vol");
    SignTestKit.Image img = SignTestKit.pushPlugin(client, open, "1.0", 21);
    SignaturePolicy policy = new SignaturePolicy(
        SignatureRequirement.requiring(List.of(rightFiles.verification())),
        Map.of(open.toString(), SignatureRequirement.NONE));

    assertThat(SignatureVerifier.of(policy).verify(client, img.ref(), img.digest())).isEmpty();
    assertThat(registry.log()).noneMatch(line -> line.contains(SignatureImage.tag(img.digest())));
    // the same unsigned image elsewhere on the registry is refused by the default
    SignTestKit.Image closed = SignTestKit.pushPlugin(client, repo("closed/vol"), "1.0", 21);
    assertThatThrownBy(() -> SignatureVerifier.of(policy).verify(client, closed.ref(),
        closed.digest())).hasMessageContaining("unsigned");
  }

  @Test
  void aManifestListIsVerifiedByItsOwnDigestAsCosignSignsIt() throws Exception {
    Repository repo = repo("signed/list");
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo, "amd64", 22);
    int size = client.fetchManifest(img.ref()).bytes().length;
    String list = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST
        + "\",\"manifests\":[{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"size\":"
        + size + ",\"digest\":\"" + img.digest() + "\",\"platform\":{\"architecture\":"
        + "\"amd64\",\"os\":\"linux\"}}]}";
    Reference tag = repo.tag("1.0");
    Digest listDigest = client.pushManifest(tag, dev.hangar.registry.RawManifest.of(
        MediaTypes.DOCKER_MANIFEST_LIST, list.getBytes(StandardCharsets.UTF_8)));
    var pulled = client.pullManifest(tag);
    assertThat(pulled.digest()).isEqualTo(img.digest());

    // only the platform manifest is signed: the list, which the tag names, is not
    Signer.sign(client, tag, img.digest(), rightFiles.signing());
    assertThatThrownBy(() -> requiringRight().verify(client, tag, pulled))
        .hasMessageContaining("unsigned").hasMessageContaining(listDigest.toString());
    Signer.sign(client, tag, listDigest, rightFiles.signing());
    assertThat(requiringRight().verify(client, tag, pulled).orElseThrow().digest())
        .isEqualTo(listDigest);
  }

  @Test
  void signingAManifestTheRepositoryLacksFails() {
    Digest absent = Digest.of("absent".getBytes(StandardCharsets.UTF_8));
    Reference ref = repo("signed/absent").tag("1.0");
    assertThatThrownBy(() -> Signer.sign(client, ref, absent, rightFiles.signing()))
        .isInstanceOfSatisfying(dev.hangar.protocol.HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_NOT_FOUND));
  }
}
