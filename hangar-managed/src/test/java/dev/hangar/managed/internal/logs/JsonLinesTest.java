package dev.hangar.managed.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.managed.LogLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expected lines were written by moby's own encoder (daemon/logger/jsonfilelog/jsonlog,
 * {@code JSONLogs.MarshalJSONBuf} plus the newline jsonfilelog adds), run with Go on these inputs.
 */
class JsonLinesTest {
  static final Instant T = Instant.parse("2026-12-01T22:33:44.123456789Z");

  @TempDir Path dir;

  @Test
  void linesAreWrittenByteForByteAsDockersJsonFileDriverWritesThem() throws Exception {
    try (PluginLog log = new PluginLog(dir, 1 << 20, 3)) {
      log.append("stdout", "<a href=\"x\">&amp;</a> \\back\\slash", T);
      log.append("stderr", "h\u00e9llo \ud83d\ude80 \u03c8 \u2028 \u2029 \ufffd", T);
      log.append("stdout", "tab\there \u0000 \u0001 \u001f \u007f cr\r", T);
      byte[] bad = {'b', 'a', 'd', ' ', (byte) 0xff, ' ', (byte) 0xe2, (byte) 0x82, ' ', 'e', 'n',
          'd'};
      log.append("stdout", bad, 0, bad.length, true, T);
      log.append("stdout", "x", Instant.parse("2026-12-01T22:33:44.120Z"));
      log.append("stdout", "x", Instant.parse("2026-12-01T22:33:44Z"));
      byte[] partial = "partial".getBytes(StandardCharsets.US_ASCII);
      log.append("stdout", partial, 0, partial.length, false,
          Instant.parse("0005-01-02T03:04:05.000001Z"));
      log.append("stdout", "", T);
    }
    String docker = ""
        + "{\"log\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026amp;\\u003c/a\\u003e \\\\back\\\\slash"
        + "\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-01T22:33:44.123456789Z\"}\n"
        + "{\"log\":\"h\u00e9llo \ud83d\ude80 \u03c8 \\u2028 \\u2029 \ufffd\\n\",\"stream\":"
        + "\"stderr\",\"time\":\"2026-12-01T22:33:44.123456789Z\"}\n"
        + "{\"log\":\"tab\\u0009here \\u0000 \\u0001 \\u001f \u007f cr\\r\\n\",\"stream\":"
        + "\"stdout\",\"time\":\"2026-12-01T22:33:44.123456789Z\"}\n"
        + "{\"log\":\"bad \\ufffd \\ufffd\\ufffd end\\n\",\"stream\":\"stdout\",\"time\":"
        + "\"2026-12-01T22:33:44.123456789Z\"}\n"
        + "{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-01T22:33:44.12Z\"}\n"
        + "{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-01T22:33:44Z\"}\n"
        + "{\"log\":\"partial\",\"stream\":\"stdout\",\"time\":\"0005-01-02T03:04:05.000001Z\"}\n"
        + "{\"log\":\"\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-01T22:33:44.123456789Z\"}\n";
    assertThat(Files.readString(dir.resolve("plugin.log"))).isEqualTo(docker);
  }

  @Test
  void everyLineDecodesBackToItsTextWithoutTheNewline() throws Exception {
    String[] texts = {"<>&\"\\", "h\u00e9llo \ud83d\ude80 \u2028", "tab\t \u0001 \u007f cr\r", "",
        "a\nb"};
    ByteBuf b = new ByteBuf(16);
    for (String t : texts) {
      b.reset();
      byte[] u = Utf8.encode(t);
      JsonLines.encode(b, "stderr", u, 0, u.length, true, T);
      assertThat(b.array()[b.size() - 1]).isEqualTo((byte) '\n');
      assertThat(JsonLines.decode(b.array(), 0, b.size() - 1))
          .contains(new LogLine(T, "stderr", t));
    }
  }

  @Test
  void invalidUtf8DecodesToOneReplacementPerBadByteAsGoDoes() {
    byte[] bad = {'a', (byte) 0xe2, (byte) 0x82, 'b', (byte) 0xed, (byte) 0xa0, (byte) 0x80,
        (byte) 0xc0, (byte) 0xaf, (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80,
        (byte) 0xf0, (byte) 0x9f, (byte) 0x9a, (byte) 0x80, (byte) 0xf0, (byte) 0x9f,
        (byte) 0x9a};
    assertThat(Utf8.decode(bad, 0, bad.length))
        .isEqualTo("a\ufffd\ufffdb" + "\ufffd".repeat(3) + "\ufffd".repeat(2)
            + "\ufffd".repeat(4) + "\ud83d\ude80" + "\ufffd".repeat(3));
    ByteBuf b = new ByteBuf(8);
    JsonLines.encode(b, "stdout", bad, 0, bad.length, false, Instant.EPOCH);
    // As moby's encoder wrote it, run on the same bytes.
    assertThat(new String(b.array(), 0, b.size(), StandardCharsets.UTF_8))
        .isEqualTo("{\"log\":\"a" + "\\ufffd".repeat(2) + "b" + "\\ufffd".repeat(9)
            + "\ud83d\ude80" + "\\ufffd".repeat(3)
            + "\",\"stream\":\"stdout\",\"time\":\"1970-01-01T00:00:00Z\"}\n");
    assertThat(Utf8.encode("x\ud800y")).isEqualTo("x\ufffdy".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void timesAreGoRfc3339NanoInUtc() {
    assertThat(JsonLines.formatTime(Instant.parse("2015-05-29T09:01:02.000000003Z")))
        .isEqualTo("2015-05-29T09:01:02.000000003Z");
    assertThat(JsonLines.formatTime(Instant.parse("2015-05-29T09:01:02.5Z")))
        .isEqualTo("2015-05-29T09:01:02.5Z");
    assertThat(JsonLines.formatTime(Instant.parse("0000-01-01T00:00:00Z")))
        .isEqualTo("0000-01-01T00:00:00Z");
    assertThat(JsonLines.formatTime(Instant.parse("9999-12-31T23:59:59.999999999Z")))
        .isEqualTo("9999-12-31T23:59:59.999999999Z");
    assertThatThrownBy(() -> JsonLines.formatTime(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonLines.formatTime(Instant.parse("-0001-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dockerLinesWithOffsetsAttrsOrNoStreamDecode() {
    assertThat(decode("{\"log\":\"a\\n\",\"stream\":\"stdout\",\"attrs\":{\"tag\":\"x\"},"
        + "\"time\":\"2015-05-29T11:01:02.000000003+02:00\"}"))
        .contains(new LogLine(Instant.parse("2015-05-29T09:01:02.000000003Z"), "stdout", "a"));
    assertThat(decode("{\"time\":\"0001-01-01T00:00:00Z\"}"))
        .contains(new LogLine(Instant.parse("0001-01-01T00:00:00Z"), "", ""));
  }

  @Test
  void whatIsNotOneWholeEntryDecodesToNothing() {
    assertThat(decode("")).isEmpty();
    assertThat(decode("{\"log\":\"a\\n\",\"stream\":\"std")).isEmpty();
    assertThat(decode("{\"log\":\"a\\n\",\"stream\":\"stdout\"}")).isEmpty();
    assertThat(decode("{\"log\":\"a\\n\",\"time\":\"yesterday\"}")).isEmpty();
    assertThat(decode("{\"log\":1,\"time\":\"2015-05-29T09:01:02Z\"}")).isEmpty();
    assertThat(decode("[\"log\"]")).isEmpty();
    assertThat(decode("{\"log\":\"a{\"log\":\"b\\n\",\"time\":\"2015-05-29T09:01:02Z\"}"))
        .isEmpty();
    assertThat(decode("{\"time\":\"2015-05-29T09:01:02Z\"}{\"time\":\"2015-05-29T09:01:02Z\"}"))
        .isEmpty();
    assertThat(decode("\u0000\u0000\u0000")).isEmpty();
  }

  private static Optional<LogLine> decode(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return JsonLines.decode(b, 0, b.length);
  }
}
