package dev.hangar.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryDigestTest {
  @TempDir Path dir;

  @Test
  void digestIsTheFilesSha256() throws Exception {
    Path f = dir.resolve("f");
    Files.writeString(f, "abc");
    assertThat(new BinaryDigest().of(f))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void unchangedFileIsHashedOnceAndASameSizeRewriteWithTheOldMtimeIsNoticed() throws Exception {
    BinaryDigest digests = new BinaryDigest(-1); // no racy window: cache at once
    Path f = dir.resolve("f");
    Files.writeString(f, "abc");
    FileTime mtime = Files.getLastModifiedTime(f);
    Object ctime = Files.getAttribute(f, "unix:ctime");
    String first = digests.of(f);
    assertThat(digests.of(f)).isEqualTo(first);
    assertThat(digests.hashes()).isEqualTo(1);
    // Same size, same mtime: only the ctime tells; rewrite until the coarse clock has ticked.
    assertThat(ExecFixtures.eventually(() -> {
      try {
        Files.writeString(f, "abd");
        Files.setLastModifiedTime(f, mtime);
        return !Files.getAttribute(f, "unix:ctime").equals(ctime);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    })).isTrue();
    assertThat(digests.of(f)).isNotEqualTo(first)
        .isEqualTo("a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9");
    assertThat(digests.hashes()).isEqualTo(2);
  }

  @Test
  void recentlyChangedFileIsHashedEveryTime() throws Exception {
    BinaryDigest digests = new BinaryDigest();
    Path f = dir.resolve("f");
    Files.writeString(f, "abc");
    digests.of(f);
    digests.of(f);
    assertThat(digests.hashes()).isEqualTo(2);
  }

  @Test
  void replacedFileIsNoticed() throws Exception {
    BinaryDigest digests = new BinaryDigest();
    Path f = dir.resolve("f");
    Files.writeString(f, "abc");
    String first = digests.of(f);
    Path other = dir.resolve("other");
    Files.writeString(other, "xyz");
    Files.move(other, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(digests.of(f)).isNotEqualTo(first);
  }
}
