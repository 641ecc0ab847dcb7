package dev.hangar.managed.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writeReplacesTheFileWholeWithMode0600AndLeavesNoTemporaryFile() throws Exception {
    Path f = dir.resolve("state.json");
    AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(f, "two".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(f)).isEqualTo("two");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("state.json");
    }
  }

  @Test
  void privateDirIsMode0700AndDeleteTreeNeverFollowsLinks() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("keep"), "x");
    Path d = AtomicFiles.privateDir(dir.resolve("a/b"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
        .isEqualTo("rwx------");
    Files.createSymbolicLink(d.resolve("link"), outside);
    AtomicFiles.deleteTree(dir.resolve("a"));
    assertThat(dir.resolve("a")).doesNotExist();
    assertThat(outside.resolve("keep")).exists();
  }
}
