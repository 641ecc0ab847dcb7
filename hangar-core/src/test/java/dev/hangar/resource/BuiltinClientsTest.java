package dev.hangar.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.api.resource.ExpireInfo;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import dev.hangar.testkit.Fifos;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in http and file clients, against a real server and real files. */
class BuiltinClientsTest {
  @TempDir Path dir;

  final ResourceRegistry registry = ResourceRegistry.builtins();

  @Test
  void httpReportsLengthRangesLastModifiedAndExpiry() throws Exception {
    try (TestHttpServer server = new TestHttpServer()) {
      TestHttpServer.Resource res = server.serve("/f", new byte[1000]);
      ResourceRequest req = ResourceRequest.of(server.uri("/f"));
      ResourceClient c = registry.require(req.uri());
      assertThat(c.contentLength(req)).isEqualTo(1000);
      assertThat(c.supportsRange(req)).isTrue();
      assertThat(c.lastModified(req)).isEqualTo(1795395600000L);
      assertThat(c.isExpired(req, new ExpireInfo(null, "\"v1\""))).isFalse();
      assertThat(c.isExpired(req, new ExpireInfo(null, "\"v0\""))).isTrue();
      assertThat(c.isExpired(req, ExpireInfo.NONE)).isTrue();
      assertThat(c.isExpired(req, new ExpireInfo(res.lastModified, null))).isFalse();
      res.etag = null;
      assertThat(c.isExpired(req, new ExpireInfo("Sun, 22 Nov 2026 01:00:00 GMT", null)))
          .isTrue();
      res.ranges = false;
      assertThat(c.supportsRange(req)).isFalse();
      try (ResourceResponse r = c.download(req.withRange(new ByteRange(10, 19)))) {
        assertThat(r.status()).isEqualTo(200);
      }
      res.ranges = true;
      try (ResourceResponse r = c.download(req.withRange(new ByteRange(10, 19)))) {
        assertThat(r.status()).isEqualTo(206);
        assertThat(r.contentLength()).isEqualTo(10);
        assertThat(r.body().readAllBytes()).hasSize(10);
        assertThat(r.expireInfo().lastModified()).isEqualTo(res.lastModified);
      }
      assertThatThrownBy(() -> c.download(ResourceRequest.of(server.uri("/none"))))
          .isInstanceOf(FileNotFoundException.class);
    }
  }

  @Test
  void fileServesRangesAndTracksSizeAndModificationTime() throws Exception {
    Path f = dir.resolve("f.bin");
    Files.write(f, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    Files.setLastModifiedTime(f, FileTime.fromMillis(1_700_000_000_000L));
    ResourceRequest req = ResourceRequest.of(f.toUri());
    ResourceClient c = registry.require(req.uri());
    assertThat(c.contentLength(req)).isEqualTo(10);
    assertThat(c.supportsRange(req)).isTrue();
    assertThat(c.lastModified(req)).isEqualTo(1_700_000_000_000L);
    ExpireInfo info;
    try (ResourceResponse r = c.download(req.withRange(ByteRange.from(7)))) {
      assertThat(r.status()).isEqualTo(206);
      assertThat(r.body().readAllBytes()).containsExactly(7, 8, 9);
      info = r.expireInfo();
    }
    assertThat(info.lastModified()).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
    assertThat(c.isExpired(req, info)).isFalse();
    Files.write(f, new byte[] {0, 1, 2});
    Files.setLastModifiedTime(f, FileTime.fromMillis(1_700_000_000_000L));
    assertThat(c.isExpired(req, info)).isTrue();
    try (ResourceResponse r = c.download(req.withRange(ByteRange.from(5)))) {
      assertThat(r.status()).isEqualTo(416);
    }
    assertThatThrownBy(() -> c.contentLength(ResourceRequest.of(dir.resolve("no").toUri())))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void theFileClientRefusesWhatIsNotARegularFile() {
    Path fifo = Fifos.create(dir.resolve("pipe"));
    ResourceRequest req = ResourceRequest.of(fifo.toUri());
    ResourceClient c = registry.require(req.uri());
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> c.download(req).close()))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("is not a regular file");
    ResourceRequest zero = ResourceRequest.of(Path.of("/dev/zero").toUri());
    assertThatThrownBy(() -> c.contentLength(zero)).hasMessageContaining("is not a regular file");
  }
}
