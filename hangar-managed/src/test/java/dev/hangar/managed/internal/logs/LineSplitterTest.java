package dev.hangar.managed.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  record Piece(String text, boolean newline, Instant time) {}

  private final List<Piece> pieces = new ArrayList<>();
  private int tick;
  private final LineSplitter splitter = new LineSplitter(
      (b, len, nl, t) -> pieces.add(new Piece(new String(b, 0, len, StandardCharsets.ISO_8859_1),
          nl, t)),
      () -> Instant.EPOCH.plusSeconds(++tick));

  private void feed(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    splitter.feed(b, 0, b.length);
  }

  @Test
  void splitsOnNewlinesOnlyKeepingCarriageReturnsAndTheRestAtEof() {
    feed("a\r\n\nb\rc");
    feed("d\n");
    feed("tail");
    splitter.finish();
    assertThat(pieces).extracting(Piece::text).containsExactly("a\r", "", "b\rcd", "tail");
    assertThat(pieces).extracting(Piece::newline).containsExactly(true, true, true, false);
  }

  @Test
  void aLineOfExactly16KiBIsAPartialPieceAndAnEmptyLastOne() {
    feed("x".repeat(LineSplitter.MAX) + "\nnext\n");
    assertThat(pieces).extracting(p -> p.text().length()).containsExactly(LineSplitter.MAX, 0, 4);
    assertThat(pieces).extracting(Piece::newline).containsExactly(false, true, true);
    assertThat(pieces.get(1).time()).isEqualTo(pieces.get(0).time());
    assertThat(pieces.get(2).time()).isNotEqualTo(pieces.get(0).time());
  }

  @Test
  void aLongLineIsCutIn16KiBPiecesSharingTheFirstPiecesTime() {
    feed("y".repeat(2 * LineSplitter.MAX + 5) + "\n");
    assertThat(pieces).extracting(p -> p.text().length())
        .containsExactly(LineSplitter.MAX, LineSplitter.MAX, 5);
    assertThat(pieces).extracting(Piece::newline).containsExactly(false, false, true);
    assertThat(pieces).extracting(Piece::time).containsOnly(pieces.get(0).time());
  }

  @Test
  void howTheBytesArriveDoesNotChangeTheLines() {
    Random r = new Random(42);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      s.append("z".repeat(r.nextInt(3 * LineSplitter.MAX))).append(r.nextBoolean() ? "\n" : "");
    }
    byte[] all = s.toString().getBytes(StandardCharsets.ISO_8859_1);
    splitter.feed(all, 0, all.length);
    splitter.finish();
    List<Piece> whole = List.copyOf(pieces);
    pieces.clear();
    LineSplitter chunked = new LineSplitter(
        (b, len, nl, t) -> pieces.add(new Piece(new String(b, 0, len,
            StandardCharsets.ISO_8859_1), nl, null)), () -> Instant.EPOCH);
    for (int at = 0; at < all.length; ) {
      int n = Math.min(all.length - at, 1 + r.nextInt(5000));
      byte[] chunk = Arrays.copyOfRange(all, at, at + n);
      chunked.feed(chunk, 0, n);
      at += n;
    }
    chunked.finish();
    assertThat(pieces).extracting(Piece::text).isEqualTo(whole.stream().map(Piece::text).toList());
    assertThat(pieces).extracting(Piece::newline)
        .isEqualTo(whole.stream().map(Piece::newline).toList());
  }
}
