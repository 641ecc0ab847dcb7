package dev.hangar.registry.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import dev.hangar.testkit.registry.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo (containers/image: an implementation of cosign's layout that is not Hangar's) and
 * Hangar's signatures. Debian's skopeo 1.9 neither makes nor verifies sigstore signatures
 * ("Debian-local change: sigstore disabled"), but it reads and writes cosign's signature images
 * when it copies an image: Hangar's signature image is read by it, and the one it writes at the
 * destination is verified by Hangar.
 */
class SkopeoSignatureTest {
  @TempDir static Path dir;
  static RegistryServer registry;
  static RegistryClient client;
  static SignTestKit.KeyFiles right;
  static SignTestKit.KeyFiles other;
  static Path registriesD;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
    registry = RegistryServer.builder(dir.resolve("registry")).start();
    client = RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(dir.resolve("no-certs")).build();
    right = SignTestKit.write(dir, "right", SignTestKit.keyPair(31));
    other = SignTestKit.write(dir, "other", SignTestKit.keyPair(32));
    registriesD = Files.createDirectories(dir.resolve("registries.d"));
    // containers/image reads (and writes) cosign's .sig images only when told to
    Files.writeString(registriesD.resolve("hangar-test.yaml"), "docker:\n  "
        + registry.address() + ":\n    use-sigstore-attachments: true\n");
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
  void skopeoCopiesHangarsSignatureAndHangarVerifiesTheCopyItWrote() throws Exception {
    Repository origin = new Repository(registry.address(), "skopeo/origin");
    SignTestKit.Image img = SignTestKit.pushPlugin(client, origin, "1.0", 33);
    Signer.sign(client, img.ref(), img.digest(), right.signing());

    Repository copied = new Repository(registry.address(), "skopeo/copy");
    Result copy = skopeo("--insecure-policy", "--debug", "copy", "--src-tls-verify=false",
        "--dest-tls-verify=false", "docker://" + origin + ":1.0", "docker://" + copied + ":1.0");
    assertThat(copy.status()).as("skopeo: %s", copy.err()).isZero();
    // containers/image found Hangar's signature image and wrote one of its own at the copy
    assertThat(copy.err()).contains("Found a sigstore attachment manifest with 1 layers")
        .contains("Uploading sigstore attachment manifest");

    Reference copy1 = copied.tag("1.0").withDigest(img.digest());
    SignatureRequirement any = new SignatureRequirement(copied.toString(), true,
        List.of(right.verification()), SignedIdentity.ANY);
    VerifiedSignature v = SignatureVerifier.verify(client, copy1, img.digest(), any);
    assertThat(v.payload().dockerReference()).isEqualTo(origin.toString());
    assertThat(v.signatures().repository()).isEqualTo("skopeo/copy");
    // the payload names the origin: the copy is not this repository's signature by default
    assertThatThrownBy(() -> SignatureVerifier.verify(client, copy1, img.digest(),
        SignatureRequirement.requiring(List.of(right.verification()))))
        .hasMessageContaining("for repository " + origin + ", not " + copied);
    assertThatThrownBy(() -> SignatureVerifier.verify(client, copy1, img.digest(),
        new SignatureRequirement("", true, List.of(other.verification()), SignedIdentity.ANY)))
        .hasMessageContaining("not a signature of its payload by " + other.publicKey());
  }

  @Test
  void skopeoVerifiesWhatHangarSignedWhereItsBuildCanVerify() throws Exception {
    Repository repo = new Repository(registry.address(), "skopeo/verifies");
    SignTestKit.Image img = SignTestKit.pushPlugin(client, repo, "1.0", 34);
    Signer.sign(client, img.ref(), img.digest(), right.signing());

    Result ok = skopeo("--policy", policy("right", right.publicKey()).toString(), "copy",
        "--src-tls-verify=false", "docker://" + repo + ":1.0", "dir:" + dir.resolve("out-right"));
    assumeTrue(!ok.err().contains("sigstore disabled"),
        "this skopeo does not verify sigstore signatures: " + ok.err().strip());
    assertThat(ok.status()).as("skopeo: %s", ok.err()).isZero();
    Result refused = skopeo("--policy", policy("other", other.publicKey()).toString(), "copy",
        "--src-tls-verify=false", "docker://" + repo + ":1.0", "dir:" + dir.resolve("out-other"));
    assertThat(refused.status()).as("skopeo accepted another key's policy").isNotZero();
  }

  private static Path policy(String name, Path publicKey) throws Exception {
    String json = "{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{\""
        + registry.address() + "\":[{\"type\":\"sigstoreSigned\",\"keyPath\":\"" + publicKey
        + "\",\"signedIdentity\":{\"type\":\"matchRepository\"}}]},"
        + "\"dir\":{\"\":[{\"type\":\"insecureAcceptAnything\"}]}}}";
    return Files.writeString(dir.resolve("policy-" + name + ".json"), json);
  }

  private record Result(int status, String out, String err) {}

  private static Result skopeo(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "--registries.d",
        registriesD.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", dir.toString());
    Path err = Files.createTempFile(dir, "skopeo", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, Files.readString(err));
  }
}
