package dev.hangar.managed.internal.pkg;

import static dev.hangar.managed.internal.pkg.Imports.assertTarRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile tars: each is refused with PACKAGE_INVALID naming the entry, nothing is written
 * outside the staging directory, and the staging directory is gone afterwards.
 */
class PackageImporterAttackTest {
  @TempDir Path tmp;
  private Path staging;
  private Path outside;

  @BeforeEach
  void setUp() throws IOException {
    // The tars aim at tmp/outside; staging is tmp/work/staging, so "../../outside/x" from
    // rootfs/ ... and absolute paths pointing at it are real targets.
    Files.createDirectories(tmp.resolve("work"));
    staging = tmp.resolve("work/staging");
    outside = Files.createDirectory(tmp.resolve("outside"));
  }

  private void assertNothingOutside() throws IOException {
    try (var list = Files.list(outside)) {
      assertThat(list).isEmpty();
    }
    try (var list = Files.list(tmp.resolve("work"))) {
      assertThat(list).isEmpty();
    }
  }

  @Test
  void dotDotInANameIsRefused() throws IOException {
    assertTarRefused(TarBuilder.minimal().file("../x", "x").tar(), staging,
        "tar entry \"../x\": path escapes the package");
    assertTarRefused(TarBuilder.minimal().file("rootfs/../../outside/x", "x").tar(), staging,
        "tar entry \"rootfs/../../outside/x\": path escapes the package");
    assertTarRefused(TarBuilder.minimal().file("rootfs/a/../b", "x").tar(), staging,
        "tar entry \"rootfs/a/../b\"", "\"..\" is not allowed");
    assertNothingOutside();
  }

  @Test
  void absoluteNamesAreRefused() throws IOException {
    assertTarRefused(TarBuilder.minimal().file(outside.resolve("x").toString(), "x").tar(),
        staging, "tar entry \"" + outside.resolve("x") + "\": path is absolute");
    assertTarRefused(TarBuilder.minimal().file("/rootfs/x", "x").tar(), staging,
        "tar entry \"/rootfs/x\": path is absolute");
    assertNothingOutside();
  }

  @Test
  void aSymlinkClimbingAboveTheRootfsIsRefused() throws IOException {
    assertTarRefused(TarBuilder.minimal().symlink("rootfs/a", "../../..").tar(), staging,
        "tar entry \"rootfs/a\": symlink target \"../../..\" escapes the rootfs");
    assertTarRefused(TarBuilder.minimal().symlink("rootfs/d/a", "../../x").tar(), staging,
        "tar entry \"rootfs/d/a\"", "escapes the rootfs");
    assertTarRefused(TarBuilder.minimal().symlink("rootfs/a", "/bin/../../x").tar(), staging,
        "tar entry \"rootfs/a\"", "escapes the rootfs");
    assertNothingOutside();
  }

  @Test
  void symlinksThatEscapeOnlyTogetherAreRefused() throws IOException {
    // x/y -> .. is the root; a -> x/y is the root; l -> a/.. is above it. Each alone is fine.
    byte[] tar = TarBuilder.minimal().symlink("rootfs/x/y", "..").symlink("rootfs/a", "x/y")
        .symlink("rootfs/l", "a/..").tar();
    assertTarRefused(tar, staging, "tar entry \"rootfs/l\"", "escapes the rootfs",
        "through the other links");
    // The same links made in another order.
    byte[] reordered = TarBuilder.minimal().symlink("rootfs/l", "a/..")
        .symlink("rootfs/a", "x/y").symlink("rootfs/x/y", "..").tar();
    assertTarRefused(reordered, staging, "tar entry \"rootfs/l\"", "escapes the rootfs");
    assertNothingOutside();
  }

  @Test
  void nothingIsWrittenThroughASymlinkedDirectory() throws IOException {
    // rootfs/l -> <outside> is a legal absolute link (it means <outside> in the container),
    // but rootfs/l/x must not land in the real <outside>.
    byte[] tar = TarBuilder.minimal().symlink("rootfs/l", outside.toString())
        .file("rootfs/l/x", "pwned").tar();
    assertTarRefused(tar, staging, "tar entry \"rootfs/l/x\"",
        "path goes through the symlink \"rootfs/l\"");
    byte[] dirThroughLink = TarBuilder.minimal().symlink("rootfs/l", outside.toString())
        .dir("rootfs/l/sub/").tar();
    assertTarRefused(dirThroughLink, staging, "tar entry \"rootfs/l/sub/\"", "symlink");
    byte[] linkThroughLink = TarBuilder.minimal().symlink("rootfs/l", outside.toString())
        .symlink("rootfs/l/x", "/etc").tar();
    assertTarRefused(linkThroughLink, staging, "tar entry \"rootfs/l/x\"", "symlink");
    assertNothingOutside();
  }

  @Test
  void aSymlinkedRootfsIsRefused() throws IOException {
    byte[] tar = new TarBuilder().file("config.json", TarBuilder.CONFIG)
        .symlink("rootfs", outside.toString()).file("rootfs/x", "pwned").tar();
    assertTarRefused(tar, staging, "tar entry \"rootfs\": rootfs must be a directory");
    assertNothingOutside();
  }

  @Test
  void hardLinksToAnythingButAnEarlierRegularFileInRootfsAreRefused() throws IOException {
    Path secret = Files.writeString(tmp.resolve("secret"), "secret");
    assertTarRefused(TarBuilder.minimal().hardLink("rootfs/h", secret.toString()).tar(),
        staging, "tar entry \"rootfs/h\"", "hard link target", "is absolute");
    assertTarRefused(TarBuilder.minimal().hardLink("rootfs/h", "../secret").tar(), staging,
        "tar entry \"rootfs/h\"", "escapes the package");
    assertTarRefused(TarBuilder.minimal().hardLink("rootfs/h", "config.json").tar(), staging,
        "tar entry \"rootfs/h\": hard link target \"config.json\" is not inside rootfs/");
    assertTarRefused(TarBuilder.minimal().hardLink("rootfs/h", "rootfs/later")
        .file("rootfs/later", "x").tar(), staging, "tar entry \"rootfs/h\"",
        "is not a regular file extracted before it");
    assertTarRefused(TarBuilder.minimal().symlink("rootfs/s", secret.toString())
        .hardLink("rootfs/h", "rootfs/s").tar(), staging, "tar entry \"rootfs/h\"",
        "not a regular file");
    assertTarRefused(TarBuilder.minimal().dir("rootfs/d/").hardLink("rootfs/h", "rootfs/d")
        .tar(), staging, "tar entry \"rootfs/h\"", "not a regular file");
    assertTarRefused(TarBuilder.minimal().file("rootfs/f", "x").hardLink("rootfs/f", "rootfs/f")
        .tar(), staging, "tar entry \"rootfs/f\"", "not a regular file");
    // A link made through a symlinked directory would resolve outside.
    assertTarRefused(TarBuilder.minimal().symlink("rootfs/l", tmp.toString())
        .hardLink("rootfs/h", "rootfs/l/secret").tar(), staging, "tar entry \"rootfs/h\"",
        "not a regular file");
    assertThat(secret).hasContent("secret");
    assertNothingOutside();
  }

  @Test
  void deviceNodesAndFifosAreRefused() throws IOException {
    assertTarRefused(TarBuilder.minimal().device("rootfs/dev/mem", TarConstants.LF_CHR, 1, 1)
        .tar(), staging, "tar entry \"rootfs/dev/mem\": device node (char 1:1) not allowed");
    assertTarRefused(TarBuilder.minimal().device("rootfs/sda", TarConstants.LF_BLK, 8, 0)
        .tar(), staging, "tar entry \"rootfs/sda\": device node (block 8:0) not allowed");
    assertTarRefused(TarBuilder.minimal().device("rootfs/fifo", TarConstants.LF_FIFO, 0, 0)
        .tar(), staging, "tar entry \"rootfs/fifo\": FIFO not allowed");
    assertNothingOutside();
  }

  @Test
  void aDirectoryAndAFileCannotReplaceEachOther() throws IOException {
    assertTarRefused(TarBuilder.minimal().dir("rootfs/d/").file("rootfs/d/f", "x")
        .file("rootfs/d", "x").tar(), staging, "tar entry \"rootfs/d\"",
        "would replace the directory");
    assertTarRefused(TarBuilder.minimal().dir("rootfs/d/").symlink("rootfs/d", "/").tar(),
        staging, "tar entry \"rootfs/d\"", "would replace the directory");
    assertTarRefused(TarBuilder.minimal().file("rootfs/d", "x").dir("rootfs/d/").tar(), staging,
        "tar entry \"rootfs/d/\"", "a directory cannot replace");
    assertTarRefused(TarBuilder.minimal().symlink("rootfs/d", "/").dir("rootfs/d/").tar(),
        staging, "tar entry \"rootfs/d/\"", "a directory cannot replace");
    assertTarRefused(TarBuilder.minimal().file("rootfs/f", "x").file("rootfs/f/g", "x").tar(),
        staging, "tar entry \"rootfs/f/g\"", "not a directory");
    assertNothingOutside();
  }

  @Test
  void aFileReplacingASymlinkDoesNotWriteThroughIt() throws IOException {
    Path target = Files.writeString(outside.resolve("victim"), "safe");
    byte[] tar = TarBuilder.minimal().symlink("rootfs/v", target.toString())
        .file("rootfs/v", "pwned").tar();
    Imports.fromTar(tar, staging);
    assertThat(target).hasContent("safe");
    assertThat(staging.resolve("rootfs/v")).isRegularFile().hasContent("pwned");
  }

  @Test
  void configProblemsAreRefused() throws IOException {
    assertTarRefused(new TarBuilder().dir("rootfs/").file("rootfs/x", "x").tar(), staging,
        "config not found");
    assertTarRefused(new TarBuilder().file("config.json", "{}").file("other", "x").tar(),
        staging, "no rootfs found");
    assertTarRefused(new TarBuilder().dir("config.json/").dir("rootfs/").tar(), staging,
        "tar entry \"config.json/\": config.json is not a regular file");
    assertTarRefused(new TarBuilder().symlink("config.json", "/etc/passwd").dir("rootfs/")
        .tar(), staging, "tar entry \"config.json\": config.json is not a regular file");
    assertTarRefused(TarBuilder.minimal().file("config.json", "{}").tar(), staging,
        "tar entry \"config.json\": the package has two config.json");
    assertTarRefused(new TarBuilder().file("config.json", new byte[(1 << 20) + 1], 0644)
        .dir("rootfs/").tar(), staging, "config.json is larger than 1048576 bytes");
    assertTarRefused(new TarBuilder().file("config.json", "{}").file("rootfs", "x").tar(),
        staging, "tar entry \"rootfs\": rootfs must be a directory");
    assertNothingOutside();
  }

  @Test
  void symlinkTargetsMustBeUsable() {
    assertTarRefused(TarBuilder.minimal().symlink("rootfs/a", "").tar(), staging,
        "tar entry \"rootfs/a\": symlink has an empty target");
    assertTarRefused(TarBuilder.minimal().symlink("rootfs/a", "x".repeat(4097)).tar(), staging,
        "tar entry \"rootfs/a\": symlink target is longer than 4096 bytes");
  }
}
