package dev.hangar.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameParserTest {
  /** Parses {@code input} (fed at once, then finished) as stdout. */
  static List<ExecMessage> parse(byte[] input) {
    List<ExecMessage> out = new ArrayList<>();
    FrameParser p = new FrameParser(1, out::add);
    p.feed(input, 0, input.length);
    p.finish();
    return out;
  }

  static List<ExecMessage> parse(String input) {
    return parse(input.getBytes(StandardCharsets.UTF_8));
  }

  static ExecMessage m(int level, String text) {
    return new ExecMessage(level, text);
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("core0 helper library result, no final newline", "20:::\"1.0alpha\"\n:::",
            m(20, "\"1.0alpha\"")),
        rule("helper library result then exit, final newline", "20:::\"1.0alpha\"\n:::\n",
            m(20, "\"1.0alpha\"")),
        rule("helper library error result", "20:::\"unknown command: nope\"\n:::",
            m(20, "\"unknown command: nope\"")),
        rule("one-line message", "7::careful\n", m(7, "careful")),
        rule("one-line message with empty text", "3::\n", m(3, "")),
        rule("one-line text keeps later colons", "3::a::b:::c\n", m(3, "a::b:::c")),
        rule("leading zeros in level", "007::x\n", m(7, "x")),
        rule("level zero", "0::x\n", m(0, "x")),
        rule("level 65535 kept", "65535::x\n", m(65535, "x")),
        rule("level overflowing uint16 saturates", "65536::x\n", m(65535, "x")),
        rule("level of many digits saturates", "99999999999999999999999::x\n", m(65535, "x")),
        rule("one colon is a plain line", "20:x\n", m(1, "20:x")),
        rule("digits without colons are a plain line", "2026\n", m(1, "2026")),
        rule("colons without digits are a plain line", "::x\n", m(1, "::x")),
        rule("sign before level is a plain line", "-1::x\n", m(1, "-1::x")),
        rule("space before level is a plain line", " 7::x\n", m(1, " 7::x")),
        rule("non-ASCII digits are not a level", "\u0663::x\n", m(1, "\u0663::x")),
        rule("four colons open a multi-line message starting with a colon",
            "20::::x\ny\n:::\n", m(20, ":x\ny")),
        rule("multi-line with text on the opening line", "21:::a: 1\nb: 2\n:::\n",
            m(21, "a: 1\nb: 2")),
        rule("multi-line with empty opening line starts with newline", "20:::\n{}\n:::\n",
            m(20, "\n{}")),
        rule("empty multi-line message", "20:::\n:::\n", m(20, "")),
        rule("multi-line keeps framed-looking and empty lines", "23:::a\n7::b\n\n20:::c\n:::\n",
            m(23, "a\n7::b\n\n20:::c")),
        rule("multi-line keeps lines of one, two and four colons",
            "23:::\n:\n::\n::::\n :::\n::: \n:::\n", m(23, "\n:\n::\n::::\n :::\n::: ")),
        rule("unclosed multi-line message delivered at end", "20:::{\"a\":\n1}\n",
            m(20, "{\"a\":\n1}")),
        rule("unclosed multi-line message without final newline", "20:::{\n1",
            m(20, "{\n1")),
        rule("unclosed multi-line message ending in partial closer", "20:::x\n::",
            m(20, "x\n::")),
        rule("multi-line message opened by the last line", "20:::x", m(20, "x")),
        rule("messages after a multi-line message", "20:::1\n:::\nafter\n9::bad\n",
            m(20, "1"), m(1, "after"), m(9, "bad")),
        rule("last line without newline", "a\nb", m(1, "a"), m(1, "b")),
        rule("empty lines are messages", "\n\nx\n", m(1, ""), m(1, ""), m(1, "x")),
        rule("no empty last line after final newline", "x\n", m(1, "x")),
        rule("empty stream", ""),
        rule("carriage return kept as core0 does", "7::x\r\na\r\n", m(7, "x\r"), m(1, "a\r")),
        rule("carriage return after closer does not close", "20:::x\n:::\r\n:::\n",
            m(20, "x\n:::\r")),
        rule("UTF-8 text", "3::h\u00e9llo \u263a \ud83d\ude00\n", m(3, "h\u00e9llo \u263a \ud83d\ude00")),
        rule("NUL bytes are text", "3::a\0b\n", m(3, "a\0b")));
  }

  static Arguments rule(String name, String input, ExecMessage... expected) {
    return Arguments.of(name, input, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void followsCore0Rules(String name, String input, List<ExecMessage> expected) {
    assertThat(parse(input)).as(name).isEqualTo(expected);
    // byte by byte gives the same
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    List<ExecMessage> out = new ArrayList<>();
    FrameParser p = new FrameParser(1, out::add);
    for (int i = 0; i < bytes.length; i++) {
      p.feed(bytes, i, 1);
    }
    p.finish();
    assertThat(out).as(name + ", byte by byte").isEqualTo(expected);
  }

  @Test
  void malformedUtf8BecomesReplacementCharacter() {
    byte[] input = {'3', ':', ':', 'a', (byte) 0xff, 'b', (byte) 0xc3, '\n', (byte) 0xe2,
        (byte) 0x82, '\n'};
    assertThat(parse(input)).containsExactly(m(3, "a\uFFFDb\uFFFD"), m(1, "\uFFFD"));
  }

  @Test
  void malformedUtf8InsideMultiLineMessage() {
    byte[] input = {'2', '0', ':', ':', ':', (byte) 0xc3, '\n', (byte) 0xa9, '\n', ':', ':',
        ':'};
    assertThat(parse(input)).containsExactly(m(20, "\uFFFD\n\uFFFD"));
  }

  @Test
  void stderrParserUsesItsDefaultLevel() {
    List<ExecMessage> out = new ArrayList<>();
    FrameParser p = new FrameParser(2, out::add);
    byte[] b = "oops\n8::failed\n".getBytes(StandardCharsets.UTF_8);
    p.feed(b, 0, b.length);
    p.finish();
    assertThat(out).containsExactly(m(2, "oops"), m(8, "failed"));
  }

  @Test
  void deliversEachMessageAsSoonAsItIsComplete() {
    List<ExecMessage> out = new ArrayList<>();
    FrameParser p = new FrameParser(1, out::add);
    byte[] b = "a\nb".getBytes(StandardCharsets.UTF_8);
    p.feed(b, 0, b.length);
    assertThat(out).containsExactly(m(1, "a"));
    byte[] c = "\n20:::x\n".getBytes(StandardCharsets.UTF_8);
    p.feed(c, 0, c.length);
    assertThat(out).containsExactly(m(1, "a"), m(1, "b"));
    byte[] d = ":::".getBytes(StandardCharsets.UTF_8);
    p.feed(d, 0, d.length);
    assertThat(out).hasSize(2); // ":::" may still become "::::" (a text line)
    p.finish();
    assertThat(out).containsExactly(m(1, "a"), m(1, "b"), m(20, "x"));
  }

  @Test
  void feedsOnlyTheGivenRange() {
    byte[] b = "XX7::in\nYY".getBytes(StandardCharsets.UTF_8);
    List<ExecMessage> out = new ArrayList<>();
    FrameParser p = new FrameParser(1, out::add);
    p.feed(b, 2, b.length - 4);
    p.finish();
    assertThat(out).containsExactly(m(7, "in"));
  }

  @Test
  void finishTwiceDoesNothingAndFeedAfterFinishIsRefused() {
    List<ExecMessage> out = new ArrayList<>();
    FrameParser p = new FrameParser(1, out::add);
    byte[] b = "x".getBytes(StandardCharsets.UTF_8);
    p.feed(b, 0, 1);
    p.finish();
    p.finish();
    assertThat(out).containsExactly(m(1, "x"));
    assertThatThrownBy(() -> p.feed(b, 0, 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesBadArguments() {
    FrameParser p = new FrameParser(1, m -> {});
    assertThatThrownBy(() -> p.feed(new byte[2], 1, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new FrameParser(-1, m -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FrameParser(65536, m -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExecMessage(70000, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sixteenMebibyteLineParsesInOneMessageWithLogarithmicGrowth() {
    int size = 16 << 20;
    byte[] line = new byte[size];
    Arrays.fill(line, (byte) 'x');
    line[0] = '4';
    line[1] = ':';
    line[2] = ':';
    List<ExecMessage> out = new ArrayList<>();
    FrameParser p = new FrameParser(1, out::add);
    for (int off = 0; off < size; off += 1024) {
      p.feed(line, off, Math.min(1024, size - off));
    }
    p.feed(new byte[] {'\n', 'z', '\n'}, 0, 3);
    p.finish();
    assertThat(out).hasSize(2);
    assertThat(out.get(0).level()).isEqualTo(4);
    assertThat(out.get(0).text()).hasSize(size - 3);
    assertThat(out.get(0).text().chars().allMatch(c -> c == 'x')).isTrue();
    assertThat(out.get(1)).isEqualTo(m(1, "z"));
    assertThat(p.growths()).isLessThanOrEqualTo(20); // doubling from 256 bytes to 16 MiB
  }

  @Test
  void multiLineMessageOfManyLinesGrowsByDoubling() {
    int lines = 200_000;
    StringBuilder in = new StringBuilder("20:::[\n");
    for (int i = 0; i < lines; i++) {
      in.append(i).append(",\n");
    }
    in.append("0]\n:::");
    byte[] b = in.toString().getBytes(StandardCharsets.UTF_8);
    List<ExecMessage> out = new ArrayList<>();
    FrameParser p = new FrameParser(1, out::add);
    for (int off = 0; off < b.length; off += 7) {
      p.feed(b, off, Math.min(7, b.length - off));
    }
    p.finish();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).text()).startsWith("[\n0,\n1,\n").endsWith(",\n0]");
    assertThat(out.get(0).text().split("\n", -1)).hasSize(lines + 2);
    assertThat(p.growths()).isLessThanOrEqualTo(20);
  }
}
