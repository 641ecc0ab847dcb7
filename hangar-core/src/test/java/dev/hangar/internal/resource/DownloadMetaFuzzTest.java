package dev.hangar.internal.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.testkit.FuzzFiles;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the reading of {@code hangar get}'s meta files ({@code .NAME.hangar-meta} and
 * {@code .NAME.hangar-part-meta}, docs/protocol.md 11), which a later {@code get} reads back to
 * tell whether the copy is current or the partial file can be resumed: for any bytes, the file
 * gives its meta or is ignored, never an exception; {@link MetaJson#read} gives a meta or its
 * documented {@link IllegalArgumentException}, and a meta it read writes and reads back the same.
 * Seeds are meta files as Hangar and, before it, Jackson wrote them.
 */
class DownloadMetaFuzzTest {
  @FuzzTest
  @Timeout(10)
  void metaFile(byte[] input) {
    Optional<DownloadMeta> fromFile = DownloadMeta.read(FuzzFiles.write("fuzz.hangar-meta", input));
    DownloadMeta m;
    try {
      m = MetaJson.read(new String(input, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      assertThat(fromFile).isEmpty();
      return;
    }
    assertThat(MetaJson.read(MetaJson.write(m))).isEqualTo(m);
    fromFile.ifPresent(f -> assertThat(f).isEqualTo(m));
  }
}
