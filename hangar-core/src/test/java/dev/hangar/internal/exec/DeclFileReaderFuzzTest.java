package dev.hangar.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.testkit.FuzzFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the reading of a {@code .plugin.toml} ({@link DeclFiles#read} then
 * {@link DeclFileReader#read}): for any file, declarations and errors, never an exception; every
 * error names the file and a line that is not negative. Seeds are the examples' declarations and
 * core0's {@code [extension.*]} tables.
 */
class DeclFileReaderFuzzTest {
  @FuzzTest
  @Timeout(10)
  void declarationFile(byte[] input) {
    Path file = FuzzFiles.write("fuzz.plugin.toml", input).toAbsolutePath().normalize();
    List<ExecDeclarationError> errors = new ArrayList<>();
    DeclFiles.read(file, errors).ifPresent(text -> {
      DeclFileReader.Result r = DeclFileReader.read(file, text);
      errors.addAll(r.errors());
      for (DeclFileReader.Declared d : r.declared()) {
        assertThat(d.file()).isEqualTo(file);
      }
    });
    for (ExecDeclarationError e : errors) {
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.line()).isNotNegative();
      assertThat(e.message()).isNotBlank();
    }
  }
}
