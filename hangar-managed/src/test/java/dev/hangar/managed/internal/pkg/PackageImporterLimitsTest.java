package dev.hangar.managed.internal.pkg;

import static dev.hangar.managed.internal.pkg.Imports.assertRefused;
import static dev.hangar.managed.internal.pkg.Imports.assertTarRefused;
import static dev.hangar.managed.internal.pkg.Imports.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Size, entry and name limits, and broken archives. */
class PackageImporterLimitsTest {
  @TempDir Path tmp;

  private Path staging() {
    return tmp.resolve("staging");
  }

  private static InputStream in(byte[] b) {
    return new ByteArrayInputStream(b);
  }

  @Test
  void theRootfsMayHoldExactlyMaxBytes() {
    byte[] tar = TarBuilder.minimal().file("rootfs/a", new byte[600], 0644)
        .file("rootfs/b", new byte[400], 0644).tar();
    PackageImporter.fromStream(in(tar), staging(), rules(1000));
    assertThat(staging().resolve("rootfs/b")).hasSize(400);
  }

  @Test
  void goingOverMaxBytesIsRefusedNamingTheEntry() {
    byte[] tar = TarBuilder.minimal().file("rootfs/a", new byte[600], 0644)
        .file("rootfs/b", new byte[401], 0644).tar();
    assertRefused(() -> PackageImporter.fromStream(in(tar), staging(), rules(1000)), staging(),
        "tar entry \"rootfs/b\": package expands to more than 1000 bytes");
  }

  @Test
  void aSparseEntryDeclaringFewBytesIsCountedAsItIsWritten() {
    // The header says 513 bytes (map and data); the file expands to 5,000,000.
    byte[] tar = TarBuilder.minimal().sparse("rootfs/bomb", new byte[] {1}, 5_000_000).tar();
    assertThat(tar.length).isLessThan(10_000);
    assertRefused(() -> PackageImporter.fromStream(in(tar), staging(), rules(1_000_000)),
        staging(), "tar entry \"rootfs/bomb\"",
        "package expands to more than 1000000 bytes");
  }

  @Test
  void aGzipBombIsStoppedAtMaxBytes() {
    byte[] gz = TarBuilder.minimal().file("rootfs/zeros", new byte[20 << 20], 0644).gzip();
    assertThat(gz.length).isLessThan(100_000);
    assertRefused(() -> PackageImporter.fromStream(in(gz), staging(), rules(1 << 20)), staging(),
        "tar entry \"rootfs/zeros\": package expands to more than 1048576 bytes");
  }

  @Test
  void theEntryCountIsCapped() {
    TarBuilder b = TarBuilder.minimal();
    for (int i = 0; i < 9; i++) {
      b.file("ignored-" + i, "x"); // ignored entries count too
    }
    ImportRules fewEntries = new ImportRules(1 << 20, 10, 4096, 1 << 20, false);
    assertRefused(() -> PackageImporter.fromStream(in(b.tar()), staging(), fewEntries),
        staging(), "tar entry \"ignored-8\": the package has more than 10 entries");
  }

  @Test
  void namesLongerThan4096BytesAreRefused() {
    String tooLong = "rootfs/" + "x".repeat(4090);
    assertRefused(() -> PackageImporter.fromStream(in(TarBuilder.minimal().file(tooLong, "x")
        .tar()), staging(), rules(1 << 20)), staging(), "path is longer than 4096 bytes");
  }

  @Test
  void pathsUpToTheSystemsLimitAreExtractedAndLongerOnesRefused() throws IOException {
    // Each path handed to the kernel, staging included, must stay under PATH_MAX (4096).
    int room = 4095 - (staging() + "/").length() - "rootfs/".length();
    String fits = "rootfs/" + "dddddddddd/".repeat((room - 1) / 11)
        + "f".repeat(1 + (room - 1) % 11);
    PackageImporter.fromStream(in(TarBuilder.minimal().file(fits, "x").tar()), staging(),
        rules(1 << 20));
    assertThat(staging().resolve(fits)).hasContent("x");
    // JUnit's own clean-up resolves every directory's real path: slow on hundreds of levels.
    Trees.deleteRecursively(staging());

    Path other = tmp.resolve("staging2");
    assertRefused(() -> PackageImporter.fromStream(in(TarBuilder.minimal().file(fits + "g", "x")
        .tar()), other, rules(1 << 20)), other, "path is too long to extract here");
  }

  @Test
  void aTruncatedGzipIsRefused() {
    byte[] gz = TarBuilder.minimal().file("rootfs/data", random(200_000), 0644).gzip();
    assertTarRefused(Arrays.copyOf(gz, gz.length / 2), staging(),
        "tar entry \"rootfs/data\": truncated or corrupt archive");
    // Cut in the gzip trailer only: the tar is whole, the CRC and length are missing.
    assertTarRefused(Arrays.copyOf(gz, gz.length - 4), staging(), "truncated or corrupt archive");
  }

  @Test
  void aCorruptGzipIsRefused() {
    byte[] gz = TarBuilder.minimal().file("rootfs/data", random(50_000), 0644).gzip();
    byte[] flipped = gz.clone();
    for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
      flipped[i] ^= 0x5a;
    }
    assertTarRefused(flipped, staging(), "truncated or corrupt archive");
    byte[] badHeader = {0x1f, (byte) 0x8b, 0, 0, 0};
    assertTarRefused(badHeader, staging(), "truncated or corrupt archive");
  }

  @Test
  void aTruncatedTarIsRefusedInsideDataOrInsideAHeader() {
    byte[] data = random(5000);
    byte[] tar = TarBuilder.minimal().file("rootfs/data", data, 0644)
        .file("rootfs/next", "x").tar();
    int dataAt = indexOf(tar, data);
    assertThat(dataAt % 512).isZero();
    assertTarRefused(Arrays.copyOf(tar, dataAt + 1000), staging(),
        "tar entry \"rootfs/data\": truncated or corrupt archive");
    int nextHeader = dataAt + 5120;
    assertThat(new String(tar, nextHeader, 11, StandardCharsets.US_ASCII)).isEqualTo(
        "rootfs/next");
    assertTarRefused(Arrays.copyOf(tar, nextHeader + 100), staging(),
        "after tar entry \"rootfs/data\": truncated tar archive");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void garbageIsRefused() {
    assertTarRefused(random(10_000), staging(), "truncated or corrupt archive");
    assertTarRefused(new byte[0], staging(), "no rootfs found");
  }

  @Test
  void muchDataAfterTheEndOfTheArchiveIsRefused() {
    byte[] tar = TarBuilder.minimal().tar();
    InputStream s = new SequenceInputStream(in(tar), in(new byte[2 << 20]));
    assertRefused(() -> PackageImporter.fromStream(s, staging(), rules(1 << 20)), staging(),
        "bytes after the end of the tar archive");
  }

  @Test
  void theCallersStreamIsNotClosed() throws IOException {
    boolean[] closed = {false};
    InputStream s = new ByteArrayInputStream(TarBuilder.minimal().gzip()) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    PackageImporter.fromStream(s, staging(), rules(1 << 20));
    assertThat(closed[0]).isFalse();
    assertThat(Files.isDirectory(staging().resolve("rootfs"))).isTrue();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
