package dev.hangar.registry.internal.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.FuzzFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what signature verification reads: key files (PEM; SIGNATURE_KEY_INVALID), signature
 * policy files (SIGNATURE_POLICY_INVALID) and the simple-signing payloads a registry serves
 * ({@link IllegalArgumentException}, which the verifier turns into SIGNATURE_INVALID). Never
 * another exception. Seeds are cosign's and openssl's keys, the policy of docs/protocol.md 15,
 * and payloads as cosign and skopeo write them.
 */
class SignatureFilesFuzzTest {
  /** A real P-256 public key, for the policies to name. */
  private static final String TEAM_KEY = """
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEuY5L7EgkxK7vljVEMYDy5n1wVILT
      ngDmSEPq2jP3bcTMLxEGQnz1mUVdjxSV+45ugX8mBYD2/gwtm3QVJVuRgg==
      -----END PUBLIC KEY-----
      """;

  @FuzzTest
  @Timeout(10)
  void keyFile(byte[] input) {
    Path file = FuzzFiles.write("fuzz.key", input);
    try {
      assertThat(KeyFiles.readPublicKey(file)).isNotNull();
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_KEY_INVALID);
    }
    try {
      assertThat(KeyFiles.readPrivateKey(file)).isNotNull();
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_KEY_INVALID);
    }
  }

  @FuzzTest
  @Timeout(10)
  void policyFile(byte[] input) {
    FuzzFiles.write("team.pub", TEAM_KEY.getBytes(StandardCharsets.US_ASCII));
    Path file = FuzzFiles.write("policy.json", input);
    try {
      assertThat(PolicyParser.parse(file).defaultRequirement()).isNotNull();
    } catch (HangarException e) {
      assertThat(e.code()).isIn(ErrorCode.SIGNATURE_POLICY_INVALID,
          ErrorCode.SIGNATURE_KEY_INVALID);
    }
  }

  @FuzzTest
  @Timeout(10)
  void payload(byte[] input) {
    try {
      assertThat(Payloads.parse(input).dockerReference()).isNotNull();
    } catch (IllegalArgumentException e) {
      // documented
    }
  }
}
