package dev.hangar.protocol.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.FuzzFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the PEM reader and the DER reader under it: for any file, a certificate list or a key,
 * or {@link ErrorCode#TLS_INVALID}; for any DER, a sequence or {@link IllegalArgumentException}.
 * The seeds are real files {@code openssl} wrote (an EC P-256, an RSA and a PKCS#1 key, a
 * certificate) and their DER.
 */
class PemFuzzTest {
  @FuzzTest
  @Timeout(10)
  void pemFile(byte[] input) {
    Path file = FuzzFiles.write("fuzz.pem", input);
    try {
      assertThat(Pem.readCertificates(file)).isNotEmpty();
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.TLS_INVALID);
    }
    try {
      assertThat(Pem.readPrivateKey(file)).isNotNull();
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.TLS_INVALID);
    }
  }

  @FuzzTest
  @Timeout(10)
  void derSequence(byte[] input) {
    try {
      for (Der.Element e : Der.sequence(input)) {
        assertThat(e.content().length).isLessThanOrEqualTo(input.length);
      }
    } catch (IllegalArgumentException e) {
      // documented
    }
  }
}
