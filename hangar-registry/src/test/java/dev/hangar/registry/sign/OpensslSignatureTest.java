package dev.hangar.registry.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import dev.hangar.registry.internal.sign.SignatureImage;
import dev.hangar.testkit.registry.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and ECDSA signatures from OpenSSL (another implementation than the JDK's): keys as the
 * docs tell people to make them, signatures each side verifies of the other.
 */
class OpensslSignatureTest {
  @TempDir static Path dir;
  static RegistryServer registry;
  static RegistryClient client;
  static Path sec1Key;
  static Path pkcs8Key;
  static Path sec1Pub;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    registry = RegistryServer.builder(dir.resolve("registry")).start();
    client = RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(dir.resolve("no-certs")).build();
    sec1Key = dir.resolve("sec1.key");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", sec1Key.toString());
    sec1Pub = dir.resolve("sec1.pub");
    openssl("ec", "-in", sec1Key.toString(), "-pubout", "-out", sec1Pub.toString());
    pkcs8Key = dir.resolve("pkcs8.key");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
        pkcs8Key.toString());
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
  void opensslVerifiesTheSignatureHangarMadeWithAnOpensslKey() throws Exception {
    Repository repo = new Repository(registry.address(), "openssl/verifies");
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo, "1.0", 71);
    PushedSignature s = Signer.sign(client, img.ref(), img.digest(), SigningKey.load(sec1Key));

    SignatureImage.Layer layer = SignatureImage.layers(client.fetchManifest(s.signatures()))
        .get(0);
    Path payload = dir.resolve("payload");
    client.downloadBlob(repo, layer.digest(), layer.size(), payload);
    Path sig = Files.write(dir.resolve("sig.der"), Base64.getDecoder().decode(
        layer.annotations().get(SignatureImage.SIGNATURE_ANNOTATION)));
    assertThat(openssl("dgst", "-sha256", "-verify", sec1Pub.toString(), "-signature",
        sig.toString(), payload.toString())).contains("Verified OK");
    // and Hangar agrees, with the key as openssl wrote it
    assertThat(SignatureVerifier.of(SignaturePolicy.requiring(
        List.of(VerificationKey.load(sec1Pub)))).verify(client, img.ref(), img.digest()))
        .isPresent();
  }

  @Test
  void hangarVerifiesASignatureOpensslMade() throws Exception {
    Repository repo = new Repository(registry.address(), "openssl/signs");
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo, "1.0", 72);
    Path payload = Files.write(dir.resolve("openssl-payload"),
        SignTestKit.payload(repo.toString(), img.digest()));
    Path sig = dir.resolve("openssl-sig.der");
    openssl("dgst", "-sha256", "-sign", pkcs8Key.toString(), "-out", sig.toString(),
        payload.toString());
    Path pub = dir.resolve("pkcs8.pub");
    openssl("pkey", "-in", pkcs8Key.toString(), "-pubout", "-out", pub.toString());
    SignTestKit.pushSignatures(client, repo, img.digest(), SimpleSigningPayload.MEDIA_TYPE,
        List.of(new SignTestKit.Sig(Files.readAllBytes(payload),
            Base64.getEncoder().encodeToString(Files.readAllBytes(sig)))));

    VerifiedSignature v = SignatureVerifier.of(SignaturePolicy.requiring(
        List.of(VerificationKey.load(pub)))).verify(client, img.ref(), img.digest())
        .orElseThrow();
    assertThat(v.payload().manifestDigest()).isEqualTo(img.digest());
    // the PKCS#8 key openssl wrote signs too
    assertThat(SigningKey.load(pkcs8Key).key().getAlgorithm()).isEqualTo("EC");
  }

  private static String openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", cmd, out).isZero();
    return out;
  }
}
