package dev.hangar.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.SpecFileException;
import dev.hangar.testkit.FuzzFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the readers of Docker's plugin spec files: for any {@code .spec} or {@code .json}
 * file, an address or a {@link SpecFileException} (SPEC_INVALID) naming the file, never another
 * exception. Seeds are the forms Docker's docs and moby's tests use.
 */
class SpecFilesFuzzTest {
  @FuzzTest
  @Timeout(10)
  void specFile(byte[] input) {
    Path file = FuzzFiles.write("fuzz.spec", input);
    try {
      assertThat(SpecFiles.readSpec(file)).isNotNull();
    } catch (SpecFileException e) {
      assertSpecInvalid(e, file);
    }
  }

  @FuzzTest
  @Timeout(10)
  void jsonFile(byte[] input) {
    Path file = FuzzFiles.write("fuzz.json", input);
    try {
      assertThat(SpecFiles.readJson(file)).isNotNull();
    } catch (SpecFileException e) {
      assertSpecInvalid(e, file);
    }
  }

  private static void assertSpecInvalid(SpecFileException e, Path file) {
    assertThat(e.code()).isEqualTo(ErrorCode.SPEC_INVALID);
    assertThat(e.getMessage()).contains(file.toString());
  }
}
