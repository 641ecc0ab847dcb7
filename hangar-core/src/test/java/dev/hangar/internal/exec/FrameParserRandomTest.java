package dev.hangar.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Seeded random inputs: framed message sequences, random chunkings, garbage bytes. */
class FrameParserRandomTest {
  private static final long SEED = 0x5eed_f4a3L;
  /** core0's pattern; DOTALL because Go's {@code .} matches {@code \r} and U+0085. */
  private static final Pattern CORE0 = Pattern.compile("(\\d+)(:{2,3})(.*)", Pattern.DOTALL);
  private static final String[] PIECES = {
    "a", "b", "z", " ", ":", "::", ":::", "0", "7", "20", "\r", "\t", "{", "\"", "\u00e9",
    "\u263a", "\ud83d\ude00", "\0"
  };

  @Test
  void serializedMessagesParseBackUnderAnyChunking() {
    Random r = new Random(SEED);
    for (int round = 0; round < 300; round++) {
      List<ExecMessage> expected = new ArrayList<>();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int count = r.nextInt(12);
      for (int i = 0; i < count; i++) {
        write(r, out, expected, i == count - 1);
      }
      byte[] input = out.toByteArray();
      assertThat(feedChunked(input, new Random(r.nextLong()), 1))
          .as("round %d, input %s", round, show(input)).isEqualTo(expected);
      assertThat(feedChunked(input, null, 1)).as("round %d at once", round).isEqualTo(expected);
    }
  }

  @Test
  void garbageNeverThrowsAndMatchesTheReferenceModel() {
    Random r = new Random(SEED + 1);
    byte[] alphabet = {'0', '1', '9', ':', ':', ':', '\n', '\n', '\r', 'x', (byte) 0xff,
        (byte) 0xc3, (byte) 0xa9, (byte) 0x85, 0};
    for (int round = 0; round < 2000; round++) {
      byte[] input = new byte[r.nextInt(64)];
      boolean any = r.nextInt(4) == 0;
      for (int i = 0; i < input.length; i++) {
        input[i] = any ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
      }
      int level = r.nextInt(2) + 1;
      List<ExecMessage> expected = reference(input, level);
      assertThat(feedChunked(input, new Random(r.nextLong()), level))
          .as("input %s", show(input)).isEqualTo(expected);
    }
  }

  /** Appends one random message to {@code out} and what the parser must make of it. */
  private static void write(Random r, ByteArrayOutputStream out, List<ExecMessage> expected,
      boolean last) {
    String end = last && r.nextBoolean() ? "" : "\n";
    switch (r.nextInt(3)) {
      case 0 -> { // unframed
        String text;
        do {
          text = text(r);
        } while (CORE0.matcher(text).matches());
        put(out, text + end);
        if (!text.isEmpty() || !end.isEmpty()) {
          expected.add(new ExecMessage(1, text));
        }
      }
      case 1 -> { // one line
        int level = r.nextInt(40);
        String text;
        do {
          text = text(r);
        } while (text.startsWith(":"));
        put(out, level + "::" + text + end);
        expected.add(new ExecMessage(level, text));
      }
      default -> { // multi-line
        int level = 20 + r.nextInt(4);
        List<String> lines = new ArrayList<>();
        lines.add(text(r));
        for (int n = r.nextInt(5); n > 0; n--) {
          String line;
          do {
            line = text(r);
          } while (line.equals(":::"));
          lines.add(line);
        }
        put(out, level + ":::" + String.join("\n", lines) + "\n:::" + end);
        expected.add(new ExecMessage(level, String.join("\n", lines)));
      }
    }
  }

  private static String text(Random r) {
    StringBuilder b = new StringBuilder();
    for (int n = r.nextInt(8); n > 0; n--) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static void put(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Feeds in random chunks (or at once when {@code r} is null), then finishes. */
  private static List<ExecMessage> feedChunked(byte[] input, Random r, int level) {
    List<ExecMessage> got = new ArrayList<>();
    FrameParser p = new FrameParser(level, got::add);
    int off = 0;
    while (off < input.length) {
      int len = r == null ? input.length : Math.min(input.length - off, 1 + r.nextInt(9));
      byte[] copy = new byte[len + 4]; // the parser must not read outside its range
      System.arraycopy(input, off, copy, 2, len);
      copy[0] = copy[1] = copy[len + 2] = copy[len + 3] = '\n';
      p.feed(copy, 2, len);
      off += len;
    }
    p.finish();
    return got;
  }

  /** core0's algorithm, written plainly: split lines, match the regex, join multi-lines. */
  private static List<ExecMessage> reference(byte[] input, int defaultLevel) {
    // ISO-8859-1 maps bytes to chars one to one, so the regex sees the bytes.
    String all = new String(input, StandardCharsets.ISO_8859_1);
    List<String> lines = new ArrayList<>(List.of(all.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // no empty last line
    }
    List<ExecMessage> out = new ArrayList<>();
    StringBuilder message = null;
    int messageLevel = 0;
    for (String line : lines) {
      if (message != null) {
        if (line.equals(":::")) {
          out.add(new ExecMessage(messageLevel, utf8(message.toString())));
          message = null;
        } else {
          message.append('\n').append(line);
        }
        continue;
      }
      Matcher m = CORE0.matcher(line);
      if (m.matches()) {
        int level = new BigInteger(m.group(1)).min(BigInteger.valueOf(65535)).intValue();
        if (m.group(2).equals("::")) {
          out.add(new ExecMessage(level, utf8(m.group(3))));
        } else {
          message = new StringBuilder(m.group(3));
          messageLevel = level;
        }
      } else {
        out.add(new ExecMessage(defaultLevel, utf8(line)));
      }
    }
    if (message != null) {
      out.add(new ExecMessage(messageLevel, utf8(message.toString())));
    }
    return out;
  }

  private static String utf8(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private static String show(byte[] input) {
    StringBuilder b = new StringBuilder("\"");
    for (byte x : input) {
      int c = x & 0xff;
      b.append(c >= 0x20 && c < 0x7f && c != '"' ? String.valueOf((char) c)
          : String.format("\\x%02x", c));
    }
    return b.append('"').toString();
  }
}
