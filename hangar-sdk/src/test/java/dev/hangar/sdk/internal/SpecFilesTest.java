package dev.hangar.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFilesTest {
  @TempDir
  Path dir;

  @Test
  void writeReplacesAnExistingFileAndLeavesNoTempFile() throws IOException {
    Files.writeString(dir.resolve("p.spec"), "tcp://old:1");

    Path spec = SpecFiles.write(dir, "p", "unix:///run/p.sock");

    assertThat(Files.readString(spec)).isEqualTo("unix:///run/p.sock");
    assertThat(Files.getPosixFilePermissions(spec))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(spec);
    }
  }

  @Test
  void removeLeavesAFileAnotherServerRewrote() throws IOException {
    Path spec = SpecFiles.write(dir, "p", "unix:///run/p.sock");
    Files.writeString(spec, "tcp://127.0.0.1:9");

    SpecFiles.remove(spec, "unix:///run/p.sock");

    assertThat(spec).exists();
    SpecFiles.remove(spec, "tcp://127.0.0.1:9");
    assertThat(spec).doesNotExist();
  }
}
