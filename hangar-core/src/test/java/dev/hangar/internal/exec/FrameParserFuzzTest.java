package dev.hangar.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes core0's output framing: for any bytes, {@link FrameParser} never throws, and the
 * messages do not depend on how the bytes are split over {@link FrameParser#feed} calls (fed at
 * once, and in pieces of fuzzed sizes). Input: the last byte picks the default level (stdout
 * or stderr), the bytes before it the piece sizes; the rest is the plugin's output. Seeds are
 * what core0's helper library and the examples write, with those bytes appended.
 */
class FrameParserFuzzTest {
  @FuzzTest
  @Timeout(10)
  void output(FuzzedDataProvider data) {
    int level = data.consumeBoolean() ? 1 : 2;
    int[] pieces = new int[data.consumeInt(0, 8)];
    for (int i = 0; i < pieces.length; i++) {
      pieces[i] = data.consumeInt(1, 300);
    }
    byte[] out = data.consumeRemainingAsBytes();
    List<ExecMessage> atOnce = new ArrayList<>();
    FrameParser whole = new FrameParser(level, atOnce::add);
    whole.feed(out, 0, out.length);
    whole.finish();
    List<ExecMessage> split = new ArrayList<>();
    FrameParser parts = new FrameParser(level, split::add);
    int pos = 0;
    for (int i = 0; pos < out.length; i++) {
      int n = pieces.length == 0 ? 1 : Math.min(pieces[i % pieces.length], out.length - pos);
      parts.feed(out, pos, n);
      pos += n;
    }
    parts.finish();
    assertThat(split).isEqualTo(atOnce);
    for (ExecMessage m : atOnce) {
      assertThat(m.level()).isBetween(0, ExecLevels.MAX_LEVEL);
    }
  }
}
