package dev.hangar.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import org.junit.jupiter.api.Test;

class ExpectedDigestTest {
  @Test
  void parsesAlgorithmAndHexCaseInsensitively() {
    ExpectedDigest d = ExpectedDigest.parse("SHA256:" + "AB".repeat(32));
    assertThat(d.algorithm()).isEqualTo("sha256");
    assertThat(d.hex()).isEqualTo("ab".repeat(32));
    assertThat(d.jdkName()).isEqualTo("SHA-256");
    assertThat(d).hasToString("sha256:" + "ab".repeat(32));
    assertThat(ExpectedDigest.parse("sha512:" + "0".repeat(128)).jdkName()).isEqualTo("SHA-512");
  }

  @Test
  void malformedDigestsAreUsageErrors() {
    for (String bad : new String[] {"abc", "md5:" + "0".repeat(32), "sha256:123",
        "sha256:" + "g".repeat(64)}) {
      assertThatThrownBy(() -> ExpectedDigest.parse(bad))
          .isInstanceOf(HangarException.class)
          .satisfies(e -> assertThat(((HangarException) e).code()).isEqualTo(ErrorCode.USAGE));
    }
  }
}
