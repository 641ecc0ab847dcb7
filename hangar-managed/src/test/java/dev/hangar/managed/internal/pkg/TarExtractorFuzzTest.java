package dev.hangar.managed.internal.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.FuzzFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the unpacking of tar and gzip streams: a plugin package as {@code POST /plugins/create}
 * receives it ({@link PackageImporter#fromStream}) and an image layer applied twice, the second
 * time over the first ({@link LayerImporter}). For any bytes: the import succeeds or fails with
 * PACKAGE_INVALID, never another exception; nothing is written outside the staging directory,
 * and never more than the size limit. Seeds are packages and layers as Docker writes them
 * (plain and gzipped, links, whiteouts).
 */
class TarExtractorFuzzTest {
  private static final long MAX_BYTES = 1 << 20;

  @FuzzTest
  @Timeout(20)
  void packageStream(byte[] input) throws IOException {
    Path parent = parent();
    Path staging = parent.resolve("staging");
    try {
      PackageImporter.fromStream(new ByteArrayInputStream(input), staging, MAX_BYTES);
      assertThat(staging.resolve("config.json")).isRegularFile();
      assertThat(Files.size(staging.resolve("config.json"))).isLessThanOrEqualTo(1 << 20);
    } catch (HangarException e) {
      assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.PACKAGE_INVALID);
    }
    assertOnlyStaging(parent);
  }

  @FuzzTest
  @Timeout(20)
  void layers(byte[] input) throws IOException {
    Path parent = parent();
    Path staging = Files.createDirectory(parent.resolve("staging"));
    LayerImporter layers = new LayerImporter(staging, MAX_BYTES);
    try {
      layers.apply(new ByteArrayInputStream(input), "sha256:first");
      layers.apply(new ByteArrayInputStream(input), "sha256:second");
      assertThat(layers.finish()).isDirectory();
    } catch (HangarException e) {
      assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.PACKAGE_INVALID);
    }
    assertOnlyStaging(parent);
  }

  private static Path parent() throws IOException {
    return Files.createDirectory(FuzzFiles.fresh("import"));
  }

  private static void assertOnlyStaging(Path parent) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .isSubsetOf("staging");
    }
    if (Files.isDirectory(parent.resolve("staging"))) {
      long bytes;
      try (Stream<Path> s = Files.walk(parent.resolve("staging"))) {
        bytes = s.filter(Files::isRegularFile).filter(p -> !p.endsWith("config.json"))
            .mapToLong(p -> p.toFile().length()).sum();
      }
      assertThat(bytes).isLessThanOrEqualTo(MAX_BYTES);
    }
  }
}
