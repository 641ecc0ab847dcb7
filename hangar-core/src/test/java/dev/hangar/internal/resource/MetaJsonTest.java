package dev.hangar.internal.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.internal.Json;
import org.junit.jupiter.api.Test;

class MetaJsonTest {
  static final DownloadMeta FULL = new DownloadMeta(1, "http://h/a b?x=\"1\"", "5-",
      "Mon, 23 Nov 2026 01:00:00 GMT", "W/\"e\\t\u0001\u00e9\"", 1234567890123L);
  static final DownloadMeta SPARSE = new DownloadMeta(1, "file:///x", null, null, null, -1);

  @Test
  void writesWhatJacksonWrote() throws Exception {
    assertThat(MetaJson.write(FULL)).isEqualTo(Json.MAPPER.writeValueAsString(FULL));
    assertThat(MetaJson.write(SPARSE)).isEqualTo(Json.MAPPER.writeValueAsString(SPARSE));
  }

  @Test
  void readsItsOwnAndJacksonsOutput() throws Exception {
    for (DownloadMeta m : new DownloadMeta[] {FULL, SPARSE}) {
      assertThat(MetaJson.read(MetaJson.write(m))).isEqualTo(m);
      assertThat(MetaJson.read(Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsString(m))).isEqualTo(m);
    }
  }

  @Test
  void keysMatchAnyCaseAndUnknownKeysAreIgnored() {
    assertThat(MetaJson.read("{\"SchemaVersion\":1,\"URI\":\"u\",\"extra\":true,"
        + "\"more\":null,\"ETAG\":\"\\u0041\\/\"}"))
        .isEqualTo(new DownloadMeta(1, "u", null, null, "A/", -1));
  }

  @Test
  void malformedTextIsRefused() {
    for (String bad : new String[] {"", "{", "[]", "{\"uri\":\"u\"}", "{\"schemaVersion\":1}",
        "{\"schemaVersion\":1,\"uri\":\"u\"} x", "{\"schemaVersion\":1,\"uri\":\"u\\q\"}",
        "{\"schemaVersion\":1,\"uri\":\"u\",\"etag\":5}", "{\"schemaVersion\":x,\"uri\":\"u\"}",
        // found reviewing DownloadMetaFuzzTest: an ArithmeticException
        "{\"schemaVersion\":4294967297,\"uri\":\"u\"}"}) {
      assertThatThrownBy(() -> MetaJson.read(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
