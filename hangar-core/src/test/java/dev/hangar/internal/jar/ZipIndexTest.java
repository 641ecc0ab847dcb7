package dev.hangar.internal.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ZipIndexTest {
  private static final Random RANDOM = new Random(42);

  private static byte[] zip(Map<String, byte[]> entries, boolean stored, String comment)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      if (comment != null) {
        z.setComment(comment);
      }
      z.putNextEntry(new ZipEntry("dir/"));
      z.closeEntry();
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry ze = new ZipEntry(e.getKey());
        if (stored) {
          CRC32 crc = new CRC32();
          crc.update(e.getValue());
          ze.setMethod(ZipEntry.STORED);
          ze.setSize(e.getValue().length);
          ze.setCrc(crc.getValue());
        }
        z.putNextEntry(ze);
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static Map<String, byte[]> sample() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    byte[] random = new byte[70_000];
    RANDOM.nextBytes(random);
    byte[] text = "hello hello hello hello ".repeat(500).getBytes();
    m.put("a/Random.bin", random);
    m.put("a/Text.txt", text);
    m.put("empty", new byte[0]);
    m.put("ünï/cödé.txt", "utf-8 name".getBytes());
    return m;
  }

  @Test
  void storedAndDeflatedEntriesReadBackExactlyAndDirectoriesAreSkipped() throws IOException {
    for (boolean stored : new boolean[] {true, false}) {
      Map<String, byte[]> m = sample();
      ZipIndex z = ZipIndex.of(zip(m, stored, stored ? "a comment" : null));
      assertThat(z.names()).containsExactlyInAnyOrderElementsOf(m.keySet());
      for (Map.Entry<String, byte[]> e : m.entrySet()) {
        assertThat(z.contains(e.getKey())).isTrue();
        assertThat(z.read(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(z.contains("dir/")).isFalse();
      assertThat(z.read("missing")).isNull();
    }
  }

  @Test
  void whatIsNotAZipOrIsTruncatedIsRefused() throws IOException {
    assertThatThrownBy(() -> ZipIndex.of("not a zip at all".getBytes()))
        .isInstanceOf(ZipException.class).hasMessageContaining("not a ZIP");
    assertThatThrownBy(() -> ZipIndex.of(new byte[0])).isInstanceOf(ZipException.class);
    byte[] whole = zip(sample(), false, null);
    assertThatThrownBy(() -> ZipIndex.of(Arrays.copyOf(whole, whole.length - 30)))
        .isInstanceOf(ZipException.class);
    byte[] cut = Arrays.copyOfRange(whole, 40_000, whole.length);
    assertThatThrownBy(() -> ZipIndex.of(cut)).isInstanceOf(ZipException.class);
  }

  @Test
  void aDamagedEntryFailsWhenReadOthersStillRead() throws IOException {
    Map<String, byte[]> m = sample();
    byte[] b = zip(m, true, null);
    // flip a byte inside the stored random entry's data (it begins after its local header)
    int at = indexOf(b, "a/Random.bin".getBytes()) + "a/Random.bin".length() + 1000;
    b[at] ^= 0x55;
    ZipIndex z = ZipIndex.of(b);
    assertThatThrownBy(() -> z.read("a/Random.bin")).isInstanceOf(ZipException.class)
        .hasMessageContaining("CRC");
    assertThat(z.read("a/Text.txt")).isEqualTo(m.get("a/Text.txt"));
  }

  @Test
  void anEntryDeclaringMoreThanDeflateCanMakeIsRefusedBeforeItsBufferIsAllocated()
      throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("x/Big.class", "tiny".getBytes());
    byte[] b = zip(m, false, null);
    // the central directory entry's uncompressed size (offset 24 from its signature): 1.5 GB
    int cen = lastIndexOf(b, new byte[] {0x50, 0x4b, 0x01, 0x02});
    int size = 1_500_000_000;
    for (int i = 0; i < 4; i++) {
      b[cen + 24 + i] = (byte) (size >>> (8 * i));
    }
    ZipIndex z = ZipIndex.of(b);
    assertThatThrownBy(() -> z.read("x/Big.class")).isInstanceOf(ZipException.class)
        .hasMessageContaining("x/Big.class").hasMessageContaining("256 MiB");
    size = 4_000_000; // under the cap, but far past deflate's ratio for a few bytes
    for (int i = 0; i < 4; i++) {
      b[cen + 24 + i] = (byte) (size >>> (8 * i));
    }
    ZipIndex z2 = ZipIndex.of(b);
    assertThatThrownBy(() -> z2.read("x/Big.class")).isInstanceOf(ZipException.class)
        .hasMessageContaining("ZIP bomb");
  }

  private static int lastIndexOf(byte[] hay, byte[] needle) {
    for (int i = hay.length - needle.length; i >= 0; i--) {
      if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
