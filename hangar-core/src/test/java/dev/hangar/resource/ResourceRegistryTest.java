package dev.hangar.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.api.resource.ResourceClient;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceRegistryTest {
  @TempDir Path dir;

  final MemoryClient memory = new MemoryClient(Map.of("/a.txt", "hello".getBytes()), true);

  @Test
  void builtinsServeHttpHttpsAndFileCaseInsensitively() {
    ResourceRegistry r = ResourceRegistry.builtins();
    assertThat(r.schemes()).containsExactly("file", "http", "https");
    assertThat(r.client("HTTP")).isPresent();
    assertThat(r.client("Https")).isPresent();
    assertThat(r.client("file")).isPresent();
    assertThat(r.client("d7yfs")).isEmpty();
    assertThat(r.refused()).isEmpty();
  }

  @Test
  void aPluginAddsItsSchemeLowerCased() {
    ResourceRegistry r = ResourceRegistry.withBuiltins(Map.of("D7yfs", memory), false);
    assertThat(r.schemes()).containsExactly("d7yfs", "file", "http", "https");
    assertThat(r.client("d7yfs")).containsSame(memory);
    assertThat(r.require(URI.create("D7YFS://h/a.txt"))).isSameAs(memory);
  }

  @Test
  void aPluginMayNotReplaceABuiltinUnlessAllowed() {
    ResourceRegistry r = ResourceRegistry.withBuiltins(Map.of("http", memory), false);
    assertThat(r.client("http")).get().isNotSameAs(memory);
    assertThat(r.refused()).singleElement().satisfies(x -> {
      assertThat(x.scheme()).isEqualTo("http");
      assertThat(x.reason()).contains("'http' is built in").contains("configured");
    });

    ResourceRegistry allowed = ResourceRegistry.withBuiltins(Map.of("HTTP", memory), true);
    assertThat(allowed.client("http")).containsSame(memory);
    assertThat(allowed.client("https")).get().isNotSameAs(memory);
    assertThat(allowed.refused()).isEmpty();
  }

  @Test
  void twoPluginsForOneSchemeAndInvalidSchemesAreRefused() {
    ResourceClient other = new MemoryClient(Map.of(), false);
    ResourceRegistry r = ResourceRegistry.withBuiltins(
        Map.of("mem", memory, "MEM", other, "1bad", other), false);
    assertThat(r.schemes()).contains("mem").doesNotContain("1bad");
    assertThat(r.refused()).extracting(RefusedScheme::scheme).containsExactlyInAnyOrder("mem",
        "1bad");
  }

  @Test
  void aUriWithoutSchemeIsAUsageError() {
    assertThatThrownBy(() -> ResourceRegistry.builtins().require(URI.create("just/a/path")))
        .isInstanceOf(HangarException.class)
        .satisfies(e -> assertThat(((HangarException) e).code()).isEqualTo(ErrorCode.USAGE));
  }

  @Test
  void theDownloaderUsesAPluginSchemeAndResumesWithItsRanges() throws Exception {
    byte[] body = DownloaderTest.bytes(100_000, 7);
    MemoryClient c = new MemoryClient(Map.of("/big", body), true);
    Downloader d = new Downloader(ResourceRegistry.withBuiltins(Map.of("mem", c), false));
    Path target = dir.resolve("big");
    Path part = dir.resolve(".big.hangar-part");
    Files.write(part, java.util.Arrays.copyOf(body, 40_000));
    new dev.hangar.internal.resource.DownloadMeta(1, "mem://h/big", null, null, "1", -1)
        .write(dir.resolve(".big.hangar-part-meta"));

    DownloadResult r = d.download(DownloadRequest.of(URI.create("mem://h/big"), target)
        .withResume(true), DownloadListener.NONE);
    assertThat(r.outcome()).isEqualTo(DownloadResult.Outcome.RESUMED);
    assertThat(r.transferred()).isEqualTo(60_000);
    assertThat(Files.readAllBytes(target)).isEqualTo(body);

    assertThat(d.download(DownloadRequest.of(URI.create("mem://h/big"), target),
        DownloadListener.NONE).outcome()).isEqualTo(DownloadResult.Outcome.UP_TO_DATE);
  }

  @Test
  void aPluginThatThrowsAnUncheckedExceptionFailsTheDownloadClearly() {
    ResourceClient broken = new MemoryClient(Map.of(), true) {
      @Override
      public dev.hangar.api.resource.ResourceResponse download(
          dev.hangar.api.resource.ResourceRequest r) {
        throw new IllegalStateException("boom");
      }
    };
    Downloader d = new Downloader(ResourceRegistry.withBuiltins(Map.of("bad", broken), false));
    assertThatThrownBy(() -> d.download(DownloadRequest.of(URI.create("bad://h/x"),
        dir.resolve("x")), DownloadListener.NONE))
        .isInstanceOf(HangarException.class)
        .hasMessageContaining("scheme 'bad'").hasMessageContaining("boom");
    assertThat(dir.resolve("x")).doesNotExist();
  }
}
