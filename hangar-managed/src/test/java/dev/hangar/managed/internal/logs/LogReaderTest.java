package dev.hangar.managed.internal.logs;

import static dev.hangar.managed.internal.logs.LogFixtures.append;
import static dev.hangar.managed.internal.logs.LogFixtures.at;
import static dev.hangar.managed.internal.logs.LogFixtures.entryLength;
import static dev.hangar.managed.internal.logs.LogFixtures.query;
import static dev.hangar.managed.internal.logs.LogFixtures.read;
import static dev.hangar.managed.internal.logs.LogFixtures.text;
import static dev.hangar.managed.internal.logs.LogFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.managed.LogQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {
  static final Optional<Instant> ANY = Optional.empty();
  static final OptionalInt ALL = OptionalInt.empty();

  @TempDir Path dir;

  /** Lines 1-3 in plugin.log.2, 4-6 in plugin.log.1, 7-9 in plugin.log. */
  private void nineLinesInThreeFiles() {
    try (PluginLog log = new PluginLog(dir, 3L * entryLength(), 3)) {
      append(log, 1, 9);
    }
  }

  @Test
  void tailKeepsTheLastLinesAcrossRotatedFiles() {
    nineLinesInThreeFiles();
    assertThat(read(dir, LogQuery.ALL)).isEqualTo(texts(1, 9));
    assertThat(read(dir, query(OptionalInt.of(5), ANY, false))).isEqualTo(texts(5, 9));
    assertThat(read(dir, query(OptionalInt.of(20), ANY, false))).isEqualTo(texts(1, 9));
    assertThat(read(dir, query(OptionalInt.of(0), ANY, false))).isEmpty();
  }

  @Test
  void sinceKeepsLinesAtOrAfterItsTime() {
    nineLinesInThreeFiles();
    assertThat(read(dir, query(ALL, Optional.of(at(4)), false))).isEqualTo(texts(4, 9));
    assertThat(read(dir, query(ALL, Optional.of(at(4).plusNanos(1)), false)))
        .isEqualTo(texts(5, 9));
    assertThat(read(dir, query(ALL, Optional.of(at(10)), false))).isEmpty();
  }

  @Test
  void tailCountsOnlyTheLinesSince() {
    nineLinesInThreeFiles();
    assertThat(read(dir, query(OptionalInt.of(2), Optional.of(at(2)), false)))
        .isEqualTo(texts(8, 9));
    assertThat(read(dir, query(OptionalInt.of(10), Optional.of(at(5)), false)))
        .isEqualTo(texts(5, 9));
  }

  @Test
  void malformedLinesAreSkippedAndNotCounted() throws Exception {
    Files.writeString(dir.resolve("plugin.log.1"), entry(1) + "not json\n" + entry(2)
        + "{\"log\":\"x\n" + "\n");
    Files.writeString(dir.resolve("plugin.log"), entry(3) + "{".repeat(3 << 20) + "\n"
        + entry(4) + "\u0000\u0000\u0000\n" + entry(5).substring(0, 20));
    assertThat(read(dir, LogQuery.ALL)).isEqualTo(texts(1, 4));
    assertThat(read(dir, query(OptionalInt.of(3), ANY, false))).isEqualTo(texts(2, 4));
  }

  @Test
  void noLogReadsNothing() {
    assertThat(read(dir.resolve("missing"), LogQuery.ALL)).isEmpty();
  }

  @Test
  void followSeesLaterLinesAcrossRotationsOnceEachUntilTheSinkCloses() throws Exception {
    try (PluginLog log = new PluginLog(dir, 3L * entryLength(), 3)) {
      append(log, 1, 3);
      try (Follower f = new Follower(dir, query(OptionalInt.of(2), ANY, true), null)) {
        assertThat(f.await(2)).isEqualTo(texts(2, 3));
        append(log, 4, 8);
        assertThat(f.await(7)).isEqualTo(texts(2, 8));
        append(log, 9, 9);
        assertThat(f.await(8)).isEqualTo(texts(2, 9));
        f.stop();
        assertThat(f.ended()).isTrue();
        assertThat(f.failure()).isNull();
        assertThat(f.all()).isEqualTo(texts(2, 9));
      }
    }
  }

  @Test
  void followEndsWhenTheSinkRefusesALine() throws Exception {
    try (PluginLog log = new PluginLog(dir, 1 << 20, 3);
        Follower f = new Follower(dir, query(ALL, ANY, true), text(5))) {
      append(log, 1, 3);
      assertThat(f.await(3)).isEqualTo(texts(1, 3));
      append(log, 4, 10);
      assertThat(f.ended()).isTrue();
      assertThat(f.all()).isEqualTo(texts(1, 5));
    }
  }

  @Test
  void followEndsWhenItsThreadIsInterrupted() throws Exception {
    try (PluginLog log = new PluginLog(dir, 1 << 20, 3);
        Follower f = new Follower(dir, query(ALL, ANY, true), null)) {
      append(log, 1, 1);
      assertThat(f.await(1)).isEqualTo(texts(1, 1));
      f.interrupt();
      assertThat(f.ended()).isTrue();
      assertThat(f.failure()).isNull();
    }
  }

  @Test
  void followWaitsForALogYetToBeCreated() throws Exception {
    Path later = dir.resolve("later");
    try (Follower f = new Follower(later, query(ALL, ANY, true), null)) {
      try (PluginLog log = new PluginLog(later, 1 << 20, 3)) {
        append(log, 1, 2);
      }
      assertThat(f.await(2)).isEqualTo(texts(1, 2));
    }
  }

  @Test
  void followDeliversALineWrittenInPiecesOnceWhole() throws Exception {
    Path file = dir.resolve("plugin.log");
    Files.writeString(file, entry(1));
    try (Follower f = new Follower(dir, query(ALL, ANY, true), null)) {
      assertThat(f.await(1)).isEqualTo(texts(1, 1));
      String two = entry(2);
      Files.writeString(file, two.substring(0, 10), StandardOpenOption.APPEND);
      Files.writeString(file, two.substring(10) + entry(3), StandardOpenOption.APPEND);
      assertThat(f.await(3)).isEqualTo(texts(1, 3));
    }
  }

  @Test
  void followKeepsUpWithABurstOfRotationsLosingAndDoublingNothing() throws Exception {
    int n = 10_000;
    try (PluginLog log = new PluginLog(dir, 4096, 100_000);
        Follower f = new Follower(dir, query(ALL, ANY, true), null)) {
      append(log, 1, n);
      assertThat(f.await(n)).isEqualTo(texts(1, n));
      f.stop();
      assertThat(f.ended()).isTrue();
      assertThat(f.all()).hasSize(n);
      assertThat(PluginLogTest.files(dir).size()).isGreaterThan(100);
    }
  }

  @Test
  void followWhileTheWriterDropsFilesSeesLinesInOrderOnceEach() throws Exception {
    int n = 20_000;
    try (PluginLog log = new PluginLog(dir, 4096, 3);
        Follower f = new Follower(dir, query(ALL, ANY, true), text(n))) {
      append(log, 1, n);
      assertThat(f.ended()).isTrue();
      List<String> seen = f.all();
      assertThat(seen).isSorted().doesNotHaveDuplicates().endsWith(text(n));
    }
  }

  @Test
  void followsALogThatAnotherProcessWritesAndRotates() throws Exception {
    String script = """
        for i in $(seq 1 30); do
          printf '{"log":"%s\\\\n","stream":"stdout","time":"2026-12-01T22:33:44Z"}\\n' "$i" \
            >> plugin.log
          if [ "$i" -eq 10 ] || [ "$i" -eq 20 ]; then
            [ -e plugin.log.1 ] && mv plugin.log.1 plugin.log.2
            mv plugin.log plugin.log.1
          fi
        done
        """;
    try (Follower f = new Follower(dir, query(ALL, ANY, true), null)) {
      Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile())
          .redirectErrorStream(true).start();
      assertThat(p.waitFor()).isZero();
      List<String> expected = IntStream.rangeClosed(1, 30)
          .mapToObj(Integer::toString).toList();
      assertThat(f.await(30)).isEqualTo(expected);
      f.stop();
      assertThat(f.ended()).isTrue();
      assertThat(f.all()).isEqualTo(expected);
    }
    assertThat(read(dir, LogQuery.ALL)).hasSize(30);
  }

  private static String entry(int i) {
    ByteBuf b = new ByteBuf(64);
    byte[] t = text(i).getBytes(StandardCharsets.UTF_8);
    JsonLines.encode(b, "stdout", t, 0, t.length, true, at(i));
    return new String(b.array(), 0, b.size(), StandardCharsets.UTF_8);
  }
}
