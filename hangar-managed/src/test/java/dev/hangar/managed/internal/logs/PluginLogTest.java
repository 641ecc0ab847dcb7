package dev.hangar.managed.internal.logs;

import static dev.hangar.managed.internal.logs.LogFixtures.append;
import static dev.hangar.managed.internal.logs.LogFixtures.entryLength;
import static dev.hangar.managed.internal.logs.LogFixtures.lines;
import static dev.hangar.managed.internal.logs.LogFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.managed.LogLine;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLogTest {
  @TempDir Path tmp;

  @Test
  void theLogIsCreatedOwnerOnly() throws Exception {
    Path dir = tmp.resolve("a/b");
    try (PluginLog log = new PluginLog(dir, 1 << 20, 3)) {
      log.append("stdout", "x", LogFixtures.T0);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("plugin.log")))).isEqualTo("rw-------");
  }

  @Test
  void aWriteFindingTheFileAtMaxBytesRotatesFirstAndTheOldestPastMaxFilesIsDropped()
      throws Exception {
    int l = entryLength();
    try (PluginLog log = new PluginLog(tmp, 3L * l, 3)) {
      append(log, 1, 10);
    }
    assertThat(texts(tmp.resolve("plugin.log.2"))).isEqualTo(texts(4, 6));
    assertThat(texts(tmp.resolve("plugin.log.1"))).isEqualTo(texts(7, 9));
    assertThat(texts(tmp.resolve("plugin.log"))).isEqualTo(texts(10, 10));
    assertThat(files(tmp)).containsExactly("plugin.log", "plugin.log.1", "plugin.log.2");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("plugin.log.2")))).isEqualTo("rw-------");
    assertThat(texts(lines(tmp))).isEqualTo(texts(4, 10));
  }

  @Test
  void oneByteUnderTheLimitKeepsTheFileOpenForOneMoreLine() throws Exception {
    int l = entryLength();
    try (PluginLog log = new PluginLog(tmp, 3L * l + 1, 3)) {
      append(log, 1, 5);
    }
    assertThat(texts(tmp.resolve("plugin.log.1"))).isEqualTo(texts(1, 4));
    assertThat(texts(tmp.resolve("plugin.log"))).isEqualTo(texts(5, 5));
  }

  @Test
  void withOneFileRotationEmptiesTheLog() throws Exception {
    try (PluginLog log = new PluginLog(tmp, 2L * entryLength(), 1)) {
      append(log, 1, 5);
    }
    assertThat(files(tmp)).containsExactly("plugin.log");
    assertThat(texts(tmp.resolve("plugin.log"))).isEqualTo(texts(5, 5));
  }

  @Test
  void reopeningAppendsAndRemovesFilesPastASmallerMaxFiles() throws Exception {
    int l = entryLength();
    try (PluginLog log = new PluginLog(tmp, l, 6)) {
      append(log, 1, 6);
    }
    assertThat(files(tmp)).hasSize(6);
    try (PluginLog log = new PluginLog(tmp, 2L * l, 3)) {
      append(log, 7, 7);
    }
    assertThat(files(tmp)).containsExactly("plugin.log", "plugin.log.1", "plugin.log.2");
    assertThat(texts(lines(tmp))).isEqualTo(texts(4, 7));
  }

  @Test
  void aLineCutShortByACrashIsEndedSoTheNextLineStaysWhole() throws Exception {
    try (PluginLog log = new PluginLog(tmp, 1 << 20, 3)) {
      append(log, 1, 1);
    }
    Files.writeString(tmp.resolve("plugin.log"), "{\"log\":\"torn", StandardOpenOption.APPEND);
    try (PluginLog log = new PluginLog(tmp, 1 << 20, 3)) {
      append(log, 2, 2);
    }
    assertThat(Files.readAllLines(tmp.resolve("plugin.log"))).hasSize(3)
        .element(1).isEqualTo("{\"log\":\"torn");
    assertThat(texts(lines(tmp))).isEqualTo(texts(1, 2));
  }

  @Test
  void aFailingWriteIsLoggedOnceAndWritingResumesWhenTheDiskRecovers() throws Exception {
    Path dir = tmp.resolve("log");
    Path away = tmp.resolve("away");
    try (LogFixtures.Recorder rec = new LogFixtures.Recorder(PluginLog.class.getName());
        PluginLog log = new PluginLog(dir, entryLength(), 3)) {
      append(log, 1, 1);
      Files.move(dir, away);
      Files.writeString(dir, "not a directory");
      append(log, 2, 4);
      assertThat(rec.records).singleElement().satisfies(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getMessage()).contains(dir.resolve("plugin.log").toString());
      });
      Files.delete(dir);
      Files.move(away, dir);
      append(log, 5, 5);
      assertThat(rec.records).hasSize(2);
      assertThat(rec.records.get(1).getLevel()).isEqualTo(Level.INFO);
      assertThat(rec.records.get(1).getParameters()).contains(3L);
    }
    assertThat(texts(lines(dir))).containsExactly(LogFixtures.text(1), LogFixtures.text(5));
  }

  @Test
  void concurrentAppendsStayWholeLinesInOrderPerThread() throws Exception {
    int threads = 8;
    int each = 500;
    try (PluginLog log = new PluginLog(tmp, 16 * 1024, 1000)) {
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = "t" + t;
        ts.add(Thread.ofPlatform().start(() -> {
          for (int i = 0; i < each; i++) {
            log.append("stdout", name + " " + i, LogFixtures.T0);
          }
        }));
      }
      for (Thread t : ts) {
        t.join();
      }
    }
    List<LogLine> all = lines(tmp);
    assertThat(all).hasSize(threads * each);
    for (int t = 0; t < threads; t++) {
      String prefix = "t" + t + " ";
      assertThat(all.stream().map(LogLine::text).filter(s -> s.startsWith(prefix)).toList())
          .isEqualTo(Stream.iterate(0, i -> i + 1).limit(each).map(i -> prefix + i).toList());
    }
    assertThat(files(tmp).size()).isGreaterThan(10);
  }

  @Test
  void aBurstRotatesEveryFileAtItsBoundary() throws Exception {
    int l = entryLength();
    try (PluginLog log = new PluginLog(tmp, 10L * l, 3)) {
      append(log, 1, 20_001);
    }
    assertThat(texts(tmp.resolve("plugin.log.2"))).isEqualTo(texts(19_981, 19_990));
    assertThat(texts(tmp.resolve("plugin.log.1"))).isEqualTo(texts(19_991, 20_000));
    assertThat(texts(tmp.resolve("plugin.log"))).isEqualTo(texts(20_001, 20_001));
  }

  @Test
  void appendsAfterCloseAreDroppedAndBadLimitsRejected() throws Exception {
    PluginLog log = new PluginLog(tmp, 1 << 20, 3);
    log.close();
    log.append("stdout", "late", LogFixtures.T0);
    log.close();
    assertThat(Files.readString(tmp.resolve("plugin.log"), StandardCharsets.UTF_8)).isEmpty();
    assertThatThrownBy(() -> new PluginLog(tmp, 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PluginLog(tmp, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    Path file = tmp.resolve("file");
    Files.writeString(file, "");
    assertThatThrownBy(() -> new PluginLog(file, 1, 1))
        .isInstanceOfSatisfying(HangarException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
          assertThat(e.getMessage()).contains(file.resolve("plugin.log").toString());
        });
  }

  static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
