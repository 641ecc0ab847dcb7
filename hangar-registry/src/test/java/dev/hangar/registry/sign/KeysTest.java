package dev.hangar.registry.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: ECDSA P-256 only, and a clear error naming the file otherwise. */
class KeysTest {
  @TempDir Path dir;

  @Test
  void aP256KeyPairLoadsAndItsFingerprintIsTheDigestOfItsPublicKey() throws Exception {
    KeyPair kp = SignTestKit.keyPair(51);
    SignTestKit.KeyFiles f = SignTestKit.write(dir, "k", kp);
    VerificationKey v = f.verification();
    assertThat(v.key()).isEqualTo(kp.getPublic());
    assertThat(v.name()).isEqualTo(f.publicKey().toString());
    assertThat(v.fingerprint().toString()).startsWith("sha256:");
    assertThat(v.fingerprint()).isEqualTo(VerificationKey.load(f.publicKey()).fingerprint());
    assertThat(f.signing().key()).isEqualTo(kp.getPrivate());
  }

  @Test
  void aKeyOnAnotherCurveIsRefused() throws Exception {
    KeyPair p384 = SignTestKit.keyPair("secp384r1", new SecureRandom());
    SignTestKit.KeyFiles f = SignTestKit.write(dir, "p384", p384);
    assertKeyInvalid(() -> VerificationKey.load(f.publicKey()), f.publicKey(), "not a P-256 key");
    assertKeyInvalid(() -> SigningKey.load(f.privateKey()), f.privateKey(), "not a P-256 key");
  }

  @Test
  void anRsaKeyIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair rsa = g.generateKeyPair();
    SignTestKit.KeyFiles f = SignTestKit.write(dir, "rsa", rsa);
    assertKeyInvalid(() -> VerificationKey.load(f.publicKey()), f.publicKey(),
        "not an EC public key");
    assertKeyInvalid(() -> SigningKey.load(f.privateKey()), f.privateKey(), "not an EC key");
  }

  @Test
  void cosignsEncryptedPrivateKeyIsRefusedSayingWhatToGiveInstead() throws Exception {
    Path f = SignTestKit.pem(dir.resolve("cosign.key"), "ENCRYPTED COSIGN PRIVATE KEY",
        "{\"kdf\":{}}".getBytes());
    assertKeyInvalid(() -> SigningKey.load(f), f, "cosign encrypted private key");
  }

  @Test
  void aFileThatIsNotPemIsRefused() throws Exception {
    Path f = Files.writeString(dir.resolve("k.pub"), "not a key\n");
    assertKeyInvalid(() -> VerificationKey.load(f), f, "not a PEM file");
    assertKeyInvalid(() -> VerificationKey.load(dir.resolve("absent.pub")),
        dir.resolve("absent.pub"), "does not exist");
  }

  private static void assertKeyInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable c,
      Path file, String problem) {
    assertThatThrownBy(c).isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_KEY_INVALID))
        .hasMessageContaining(file.toString())
        .hasMessageContaining(problem);
  }
}
