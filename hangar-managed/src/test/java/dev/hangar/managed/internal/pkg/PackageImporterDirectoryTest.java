package dev.hangar.managed.internal.pkg;

import static dev.hangar.managed.internal.pkg.Imports.assertRefused;
import static dev.hangar.managed.internal.pkg.Imports.mode;
import static dev.hangar.managed.internal.pkg.Imports.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages given as a directory: the same rules as tars, links copied as links. */
class PackageImporterDirectoryTest {
  @TempDir Path tmp;
  private Path src;
  private Path rootfs;
  private Path staging;

  @BeforeEach
  void setUp() throws IOException {
    src = Files.createDirectory(tmp.resolve("plugin"));
    Files.writeString(src.resolve("config.json"), TarBuilder.CONFIG);
    rootfs = Files.createDirectory(src.resolve("rootfs"));
    staging = tmp.resolve("staging");
  }

  private byte[] importIt() {
    return PackageImporter.fromPath(src, staging, 1 << 20);
  }

  @Test
  void copiesConfigAndRootfsKeepingModesTimesAndLinks() throws IOException {
    Path bin = Files.createDirectories(rootfs.resolve("bin"));
    Path busybox = Files.writeString(bin.resolve("busybox"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(busybox, PosixFilePermissions.fromString("rwxr-x--x"));
    FileTime t = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(busybox, t);
    Files.createSymbolicLink(bin.resolve("sh"), Path.of("/bin/busybox"));
    Files.createSymbolicLink(bin.resolve("dangling"), Path.of("nowhere"));
    Files.createDirectories(rootfs.resolve("etc/empty"));
    Files.setPosixFilePermissions(rootfs.resolve("etc"), PosixFilePermissions.fromString(
        "r-xr-xr-x"));
    Files.writeString(src.resolve("README"), "ignored");
    Files.createFile(src.resolve("fifo-beside-rootfs")); // top level: never looked at

    byte[] config = importIt();

    assertThat(config).asString(StandardCharsets.UTF_8).isEqualTo(TarBuilder.CONFIG);
    Path out = staging.resolve("rootfs");
    assertThat(out.resolve("bin/busybox")).hasContent("#!/bin/sh\n");
    assertThat(mode(out.resolve("bin/busybox"))).isEqualTo(0751);
    assertThat(Files.getLastModifiedTime(out.resolve("bin/busybox"))).isEqualTo(t);
    assertThat(Files.readSymbolicLink(out.resolve("bin/sh"))).hasToString("/bin/busybox");
    assertThat(Files.readSymbolicLink(out.resolve("bin/dangling"))).hasToString("nowhere");
    assertThat(out.resolve("etc/empty")).isDirectory();
    assertThat(mode(out.resolve("etc"))).isEqualTo(0555);
    assertThat(staging.resolve("README")).doesNotExist();
    assertThat(mode(staging.resolve("config.json"))).isEqualTo(0600);
  }

  @Test
  void aLinkToADirectoryOutsideIsCopiedAsALinkNotFollowed() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "secret");
    Files.createSymbolicLink(rootfs.resolve("data"), outside); // absolute: fine, not followed

    importIt();

    Path link = staging.resolve("rootfs/data");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(outside);
    try (var list = Files.list(staging.resolve("rootfs"))) {
      assertThat(list).containsExactly(link);
    }
  }

  @Test
  void aSymlinkEscapingTheRootfsIsRefused() throws IOException {
    Files.createDirectories(rootfs.resolve("a"));
    Files.createSymbolicLink(rootfs.resolve("a/up"), Path.of("../../../etc"));
    assertRefused(this::importIt, staging, "file \"" + rootfs.resolve("a/up") + "\"",
        "symlink target \"../../../etc\" escapes the rootfs");
  }

  @Test
  void aFifoIsRefused() throws Exception {
    Path fifo = rootfs.resolve("pipe");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertRefused(this::importIt, staging, "file \"" + fifo + "\": FIFO not allowed");
  }

  @Test
  void aSocketIsRefused() throws IOException {
    Path sock = rootfs.resolve("s.sock");
    try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.bind(UnixDomainSocketAddress.of(sock));
      assertRefused(this::importIt, staging, "file \"" + sock + "\"", "not allowed");
    }
  }

  @Test
  void aDeviceNodeIsRefused() throws Exception {
    assumeTrue(Imports.runningAsRoot(tmp), "mknod needs root");
    Path dev = rootfs.resolve("null");
    Process p = new ProcessBuilder("mknod", dev.toString(), "c", "1", "3")
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assumeTrue(p.exitValue() == 0, "mknod is not permitted here");
    assertRefused(this::importIt, staging, "file \"" + dev + "\": device node not allowed");
  }

  @Test
  void configAndRootfsMustBeRealFileAndDirectory() throws IOException {
    Path config = src.resolve("config.json");
    Files.delete(config);
    assertRefused(this::importIt, staging, "file \"" + config + "\": config not found");

    Path elsewhere = Files.writeString(tmp.resolve("config-elsewhere.json"), "{}");
    Files.createSymbolicLink(config, elsewhere);
    assertRefused(this::importIt, staging, "config.json is not a regular file");
    Files.delete(config);
    Files.write(config, new byte[(1 << 20) + 1]);
    assertRefused(this::importIt, staging, "config.json is larger than 1048576 bytes");
    Files.writeString(config, "{}");

    Path realRootfs = Files.move(rootfs, tmp.resolve("real-rootfs"));
    assertRefused(this::importIt, staging, "file \"" + rootfs + "\": no rootfs found");
    Files.createSymbolicLink(rootfs, realRootfs);
    assertRefused(this::importIt, staging, "no rootfs found");
  }

  @Test
  void theSizeLimitApplies() throws IOException {
    Files.write(rootfs.resolve("a"), new byte[700]);
    Files.write(rootfs.resolve("b"), new byte[700]);
    assertRefused(() -> PackageImporter.fromPath(src, staging, rules(1000)), staging,
        "package expands to more than 1000 bytes");
  }

  @Test
  void aMissingSourceIsRefused() {
    Path missing = tmp.resolve("missing");
    assertRefused(() -> PackageImporter.fromPath(missing, staging, 1 << 20), staging,
        "package \"" + missing + "\": no such file or directory");
  }

  @Test
  void theSourceIsNotChanged() throws IOException {
    Files.writeString(rootfs.resolve("f"), "x");
    Files.setPosixFilePermissions(rootfs.resolve("f"), PosixFilePermissions.fromString(
        "r--------"));
    importIt();
    assertThat(rootfs.resolve("f")).hasContent("x");
    assertThat(mode(rootfs.resolve("f"))).isEqualTo(0400);
    assertThat(Files.isSameFile(rootfs.resolve("f"), staging.resolve("rootfs/f"))).isFalse();
    assertThat(Files.exists(staging.resolve("rootfs/f"), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }
}
