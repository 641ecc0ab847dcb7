package dev.hangar.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hangar get} onto a small tmpfs that really fills up: DISK_FULL naming the file, and
 * nothing half-written left in the directory. Skipped where a tmpfs cannot be mounted.
 */
class FullDiskDownloadTest {
  private static final long DISK = 8L << 20;
  private static final int SIZE = 12 << 20;

  @TempDir Path tmp;
  private Tmpfs disk;
  private TestHttpServer server;
  private byte[] body;
  private final Downloader downloader = new Downloader(ResourceRegistry.builtins());

  @BeforeEach
  void start() throws IOException {
    disk = Tmpfs.mount(tmp.resolve("disk"), DISK).orElse(null);
    assumeTrue(disk != null, "cannot mount a tmpfs here (not root?)");
    server = new TestHttpServer();
    body = DownloaderTest.bytes(SIZE, 7);
    server.serve("/big.bin", body);
  }

  @AfterEach
  void stop() throws IOException {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (disk != null) {
        disk.close();
      }
    }
  }

  private DownloadRequest req() throws Exception {
    return DownloadRequest.of(server.uri("/big.bin"), disk.dir().resolve("big.bin"))
        .withDigest(ExpectedDigest.parse("sha256:" + DownloaderTest.sha256(body)));
  }

  private void assertFullDiskLeavesNothing(DownloadRequest r) throws IOException {
    assertThatThrownBy(() -> downloader.download(r, DownloadListener.NONE))
        .isInstanceOf(HangarException.class)
        .hasMessageContaining("no space left on device while writing "
            + disk.dir().resolve(".big.bin.hangar-part"))
        .hasMessageContaining(server.uri("/big.bin") + "); nothing was kept")
        .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.DISK_FULL);
    try (Stream<Path> s = Files.list(disk.dir())) {
      assertThat(s.toList()).as("what the full disk left").isEmpty();
    }
  }

  @Test
  void aDownloadLargerThanTheFreeSpaceFailsDiskFullAndLeavesNothing() throws Exception {
    assertFullDiskLeavesNothing(req());

    disk.resize(64L << 20);
    DownloadResult done = downloader.download(req(), DownloadListener.NONE);
    assertThat(done.outcome()).isEqualTo(DownloadResult.Outcome.DOWNLOADED);
    assertThat(Files.readAllBytes(disk.dir().resolve("big.bin"))).isEqualTo(body);
  }

  @Test
  void aResumedDownloadThatFillsTheDiskLeavesNoPartialEither() throws Exception {
    server.serve("/big.bin", body).dieAfter = SIZE / 4; // a transfer that breaks
    assertThatThrownBy(() -> downloader.download(req(), DownloadListener.NONE))
        .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.DOWNLOAD_FAILED);
    assertThat(disk.dir().resolve(".big.bin.hangar-part")).isRegularFile();

    server.serve("/big.bin", body);
    assertFullDiskLeavesNothing(req().withResume(true));
  }
}
