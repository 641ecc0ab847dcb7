package dev.hangar.managed.internal.pkg;

import static dev.hangar.managed.internal.pkg.Imports.fromTar;
import static dev.hangar.managed.internal.pkg.Imports.mode;
import static dev.hangar.managed.internal.pkg.Imports.rules;
import static dev.hangar.managed.internal.pkg.Imports.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid packages from tars: what is extracted, and what is kept of it. */
class PackageImporterTarTest {
  private static final byte[] BUSYBOX =
      "#!/bin/sh\necho busybox\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  private TarBuilder plugin() {
    return TarBuilder.minimal()
        .dir("rootfs/bin/")
        .file("rootfs/bin/busybox", BUSYBOX, 0755)
        .symlink("rootfs/bin/sh", "/bin/busybox")
        .symlink("rootfs/bin/ash", "busybox")
        .hardLink("rootfs/bin/ls", "rootfs/bin/busybox")
        .dir("rootfs/etc/", 0750)
        .file("rootfs/etc/passwd", "root:x:0:0::/:/bin/sh\n")
        .file("rootfs/usr/lib/deep/x.so", "x") // parents not listed
        .file("README.md", "not extracted");
  }

  @Test
  void extractsConfigAndRootfsKeepingModesLinksAndAbsoluteSymlinks() throws IOException {
    Path staging = tmp.resolve("staging");
    byte[] config = fromTar(plugin().tar(), staging);

    assertThat(new String(config, StandardCharsets.UTF_8)).isEqualTo(TarBuilder.CONFIG);
    assertThat(staging.resolve("config.json")).hasBinaryContent(config);
    assertThat(mode(staging)).isEqualTo(0700);
    assertThat(mode(staging.resolve("config.json"))).isEqualTo(0600);
    Path rootfs = staging.resolve("rootfs");
    assertThat(rootfs.resolve("bin/busybox")).hasBinaryContent(BUSYBOX);
    assertThat(mode(rootfs.resolve("bin/busybox"))).isEqualTo(0755);
    assertThat(Files.readSymbolicLink(rootfs.resolve("bin/sh"))).hasToString("/bin/busybox");
    assertThat(Files.readSymbolicLink(rootfs.resolve("bin/ash"))).hasToString("busybox");
    assertThat(Files.isSameFile(rootfs.resolve("bin/ls"), rootfs.resolve("bin/busybox")))
        .isTrue();
    assertThat(mode(rootfs.resolve("etc"))).isEqualTo(0750);
    assertThat(mode(rootfs.resolve("etc/passwd"))).isEqualTo(0644);
    assertThat(rootfs.resolve("usr/lib/deep/x.so")).hasContent("x");
    assertThat(mode(rootfs.resolve("usr/lib"))).isEqualTo(0755);
    assertThat(mode(rootfs)).isEqualTo(0755);
    assertThat(staging.resolve("README.md")).doesNotExist();
    try (var list = Files.list(staging)) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "config.json", "rootfs");
    }
  }

  @Test
  void gzipIsToldByItsMagicBytesNotTheFileName() throws IOException {
    Path gzipNamedTar = Files.write(tmp.resolve("plugin.tar"), plugin().gzip());
    Path tarNamedGz = Files.write(tmp.resolve("plugin.tar.gz"), plugin().tar());

    assertThat(PackageImporter.fromPath(gzipNamedTar, tmp.resolve("a"), 1 << 20))
        .asString(StandardCharsets.UTF_8).isEqualTo(TarBuilder.CONFIG);
    assertThat(PackageImporter.fromPath(tarNamedGz, tmp.resolve("b"), 1 << 20))
        .asString(StandardCharsets.UTF_8).isEqualTo(TarBuilder.CONFIG);
    assertThat(tmp.resolve("a/rootfs/bin/busybox")).hasBinaryContent(BUSYBOX);
    assertThat(tmp.resolve("b/rootfs/bin/busybox")).hasBinaryContent(BUSYBOX);
  }

  @Test
  void acceptsTheDockerClisDotSlashNamesFromAStream() {
    byte[] tar = new TarBuilder().dir("./").file("./config.json", TarBuilder.CONFIG)
        .dir("./rootfs/").file("./rootfs/plugin", BUSYBOX, 0755)
        .hardLink("./rootfs/plugin2", "./rootfs/plugin").gzip();
    Path staging = tmp.resolve("s");

    byte[] config = PackageImporter.fromStream(new ByteArrayInputStream(tar), staging, 1 << 20);

    assertThat(config).asString(StandardCharsets.UTF_8).isEqualTo(TarBuilder.CONFIG);
    assertThat(staging.resolve("rootfs/plugin")).hasBinaryContent(BUSYBOX);
    assertThat(staging.resolve("rootfs/plugin2")).hasBinaryContent(BUSYBOX);
  }

  @Test
  void aFileReplacesAnEarlierFileOfTheSameName() {
    byte[] tar = TarBuilder.minimal().file("rootfs/a", "one").symlink("rootfs/b", "a")
        .file("rootfs/a", "two").file("rootfs/b", "three").tar();
    Path staging = tmp.resolve("s");

    fromTar(tar, staging);

    assertThat(staging.resolve("rootfs/a")).hasContent("two");
    assertThat(staging.resolve("rootfs/b")).isRegularFile().hasContent("three");
  }

  @Test
  void aDirectoryListedTwiceTakesTheLastMode() {
    Path staging = tmp.resolve("s");
    fromTar(TarBuilder.minimal().dir("rootfs/d/", 0700).file("rootfs/d/f", "x")
        .dir("rootfs/d/", 0711).tar(), staging);
    assertThat(mode(staging.resolve("rootfs/d"))).isEqualTo(0711);
  }

  @Test
  void readOnlyDirectoriesAreExtractedAndGetTheirModeAtTheEnd() {
    Path staging = tmp.resolve("s");
    fromTar(TarBuilder.minimal().dir("rootfs/ro/", 0555).file("rootfs/ro/f", "x")
        .dir("rootfs/ro/sub/", 0500).file("rootfs/ro/sub/g", "y").tar(), staging);
    assertThat(staging.resolve("rootfs/ro/sub/g")).hasContent("y");
    assertThat(mode(staging.resolve("rootfs/ro"))).isEqualTo(0555);
    assertThat(mode(staging.resolve("rootfs/ro/sub"))).isEqualTo(0500);
  }

  @Test
  void modificationTimesOfFilesAndDirectoriesAreKept() throws IOException {
    FileTime t1 = FileTime.from(Instant.parse("2020-02-02T10:00:00Z"));
    FileTime t2 = FileTime.from(Instant.parse("2021-03-03T11:00:00Z"));
    Path staging = tmp.resolve("s");
    fromTar(TarBuilder.minimal().dir("rootfs/d/").at(t1).file("rootfs/d/f", "x").at(t2).tar(),
        staging);
    assertThat(Files.getLastModifiedTime(staging.resolve("rootfs/d"))).isEqualTo(t1);
    assertThat(Files.getLastModifiedTime(staging.resolve("rootfs/d/f"))).isEqualTo(t2);
  }

  @Test
  void withoutRootSetuidAndSetgidBitsAreDroppedAndOwnersNotKept() {
    Path staging = tmp.resolve("s");
    byte[] tar = TarBuilder.minimal().owned("rootfs/suid", BUSYBOX, 06755, 4321, 4321)
        .file("rootfs/sticky", BUSYBOX, 01777).tar();

    PackageImporter.fromStream(new ByteArrayInputStream(tar), staging, rules(1 << 20));

    assertThat(mode(staging.resolve("rootfs/suid"))).isEqualTo(0755);
    assertThat(mode(staging.resolve("rootfs/sticky"))).isEqualTo(01777);
    assertThat(uid(staging.resolve("rootfs/suid"))).isEqualTo(uid(tmp));
  }

  @Test
  void asRootOwnersAndSetuidBitsAreKept() throws IOException {
    assumeTrue(Imports.runningAsRoot(tmp), "needs root");
    Path staging = tmp.resolve("s");
    byte[] tar = TarBuilder.minimal().owned("rootfs/suid", BUSYBOX, 04755, 4321, 1234)
        .symlink("rootfs/link", "suid").tar();

    PackageImporter.fromStream(new ByteArrayInputStream(tar), staging,
        ImportRules.defaults(1 << 20, true));

    Path suid = staging.resolve("rootfs/suid");
    assertThat(mode(suid)).isEqualTo(04755);
    assertThat(uid(suid)).isEqualTo(4321);
    assertThat(Files.getAttribute(suid, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1234);
    assertThat(uid(staging.resolve("rootfs/link"))).isEqualTo(0); // TarBuilder's default owner
  }

  @Test
  void thePublicEntryPointsDecideOwnershipByWhoRunsThem() {
    Path staging = tmp.resolve("s");
    byte[] tar = TarBuilder.minimal().owned("rootfs/f", BUSYBOX, 04755, 4321, 4321).tar();

    PackageImporter.fromStream(new ByteArrayInputStream(tar), staging, 1 << 20);

    boolean root = Imports.runningAsRoot(staging);
    assertThat(mode(staging.resolve("rootfs/f"))).isEqualTo(root ? 04755 : 0755);
    assertThat(uid(staging.resolve("rootfs/f"))).isEqualTo(root ? 4321 : uid(tmp));
  }

  @Test
  void aSparseFileIsWrittenAtItsFullSize() throws IOException {
    Path staging = tmp.resolve("s");
    fromTar(TarBuilder.minimal().sparse("rootfs/sparse", BUSYBOX, 100_000).tar(), staging);

    Path f = staging.resolve("rootfs/sparse");
    assertThat(Files.readAttributes(f, BasicFileAttributes.class).size()).isEqualTo(100_000);
    byte[] head = new byte[BUSYBOX.length];
    try (var in = Files.newInputStream(f)) {
      assertThat(in.read(head)).isEqualTo(head.length);
    }
    assertThat(head).isEqualTo(BUSYBOX);
  }

  @Test
  void anExistingStagingDirectoryIsAnIoErrorAndIsLeftAlone() throws IOException {
    Path staging = Files.createDirectory(tmp.resolve("s"));
    Files.writeString(staging.resolve("keep"), "mine");

    assertThatThrownBy(() -> fromTar(plugin().tar(), staging))
        .isInstanceOfSatisfying(HangarException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
          assertThat(e.getMessage()).contains(staging.toString(), "exists already");
        });
    assertThat(staging.resolve("keep")).hasContent("mine");
  }

  @Test
  void aNegativeLimitIsAProgrammingError() {
    assertThatThrownBy(() -> PackageImporter.fromStream(
        new ByteArrayInputStream(plugin().tar()), tmp.resolve("s"), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tmp.resolve("s")).doesNotExist();
  }
}
