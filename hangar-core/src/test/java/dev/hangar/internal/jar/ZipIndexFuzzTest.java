package dev.hangar.internal.jar;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the in-memory JAR index: for any bytes, {@link ZipIndex#of} and {@link ZipIndex#read}
 * of every entry return or throw {@link ZipException}, never another exception, and never
 * allocate more for an entry than {@link ZipIndex#MAX_ENTRY} or than deflate can expand the
 * archive to. Seeds are small JARs written by {@code jar} and {@code zip} (stored, deflated,
 * ZIP64).
 */
class ZipIndexFuzzTest {
  @FuzzTest
  @Timeout(10)
  void archive(byte[] input) {
    ZipIndex index;
    try {
      index = ZipIndex.of(input);
    } catch (ZipException e) {
      return;
    }
    for (String name : index.names()) {
      try {
        byte[] b = index.read(name);
        assertThat(b).isNotNull();
        assertThat((long) b.length).isLessThanOrEqualTo(input.length * 1100L + 1024);
      } catch (ZipException e) {
        // documented
      }
    }
  }
}
