package dev.hangar.managed.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.managed.LogLine;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPumpTest {
  static final Duration PATIENCE = Duration.ofSeconds(20);
  static final String ID = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  @Test
  void aProcessesOutputFillsTheLogTheTailAndTheDaemonLog() throws Exception {
    OutputTail tail = new OutputTail(10);
    try (LogFixtures.Recorder rec = new LogFixtures.Recorder(OutputPump.LOGGER);
        PluginLog log = new PluginLog(dir, 1 << 20, 3)) {
      Process p = new ProcessBuilder("/bin/sh", "-c", "echo a; echo b >&2; printf no-newline")
          .start();
      p.getOutputStream().close();
      Thread out = OutputPump.start(p.getInputStream(), "stdout", log, tail, "demo", ID);
      Thread err = OutputPump.start(p.getErrorStream(), "stderr", log, tail, "demo", ID);
      assertThat(out.getName()).isEqualTo("hangar-log-demo-stdout");
      assertThat(err.getName()).isEqualTo("hangar-log-demo-stderr");
      assertThat(out.isDaemon()).isTrue();
      out.join(PATIENCE);
      err.join(PATIENCE);
      assertThat(out.isAlive() || err.isAlive()).isFalse();
      assertThat(p.waitFor()).isZero();

      List<LogLine> lines = LogFixtures.lines(dir);
      assertThat(lines.stream().filter(l -> l.stream().equals("stdout")).map(LogLine::text))
          .containsExactly("a", "no-newline");
      assertThat(lines.stream().filter(l -> l.stream().equals("stderr")).map(LogLine::text))
          .containsExactly("b");
      assertThat(Files.readString(dir.resolve("plugin.log")))
          .contains("{\"log\":\"a\\n\",\"stream\":\"stdout\",\"time\":\"")
          .contains("{\"log\":\"no-newline\",\"stream\":\"stdout\",\"time\":\"");
      assertThat(tail.lines()).containsExactlyInAnyOrder("a", "b", "no-newline");

      SimpleFormatter f = new SimpleFormatter();
      assertThat(rec.records).extracting(f::formatMessage).containsExactlyInAnyOrder(
          "[plugin demo 0123456789ab] a", "[plugin demo 0123456789ab] b",
          "[plugin demo 0123456789ab] no-newline");
      assertThat(rec.records).filteredOn(r -> r.getLevel() == Level.WARNING)
          .extracting(LogRecord::getParameters)
          .containsExactly(new Object[] {"demo", "0123456789ab", "b"});
      assertThat(rec.records).extracting(LogRecord::getLevel)
          .containsOnly(Level.INFO, Level.WARNING).hasSize(3);
    }
  }

  @Test
  void oneMebibyteWithoutANewlineBecomes16KiBLines() throws Exception {
    byte[] mib = new byte[1 << 20];
    Arrays.fill(mib, (byte) 'x');
    OutputTail tail = new OutputTail(3);
    try (LogFixtures.Recorder rec = new LogFixtures.Recorder(OutputPump.LOGGER);
        PluginLog log = new PluginLog(dir, 10 << 20, 3)) {
      pump(new ByteArrayInputStream(mib), log, tail);
    }
    List<LogLine> lines = LogFixtures.lines(dir);
    assertThat(lines).hasSize(64).allSatisfy(l -> {
      assertThat(l.text()).isEqualTo("x".repeat(16 * 1024));
      assertThat(l.time()).isEqualTo(lines.get(0).time());
    });
    assertThat(Files.readString(dir.resolve("plugin.log"))).doesNotContain("\\n");
    assertThat(tail.lines()).hasSize(3);
  }

  @Test
  void invalidUtf8IsReplacedAsDockerReplacesIt() throws Exception {
    OutputTail tail = new OutputTail(3);
    byte[] in = {'o', 'k', (byte) 0xff, (byte) 0xe2, (byte) 0x82, '\r', '\n'};
    try (LogFixtures.Recorder rec = new LogFixtures.Recorder(OutputPump.LOGGER);
        PluginLog log = new PluginLog(dir, 1 << 20, 3)) {
      pump(new ByteArrayInputStream(in), log, tail);
    }
    assertThat(Files.readString(dir.resolve("plugin.log")))
        .startsWith("{\"log\":\"ok\\ufffd\\ufffd\\ufffd\\r\\n\",\"stream\":\"stdout\"");
    assertThat(tail.lines()).containsExactly("ok\ufffd\ufffd\ufffd\r");
    assertThat(LogFixtures.texts(LogFixtures.lines(dir))).containsExactly("ok\ufffd\ufffd\ufffd\r");
  }

  @Test
  void thePumpKeepsReadingWhenTheLogCannotBeWritten() throws Exception {
    Path logDir = dir.resolve("log");
    OutputTail tail = new OutputTail(1);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      s.append("line ").append(i).append('\n');
    }
    try (LogFixtures.Recorder quiet = new LogFixtures.Recorder(PluginLog.class.getName());
        LogFixtures.Recorder rec = new LogFixtures.Recorder(OutputPump.LOGGER);
        PluginLog log = new PluginLog(logDir, 100, 3)) {
      Files.move(logDir, dir.resolve("away"));
      Files.writeString(logDir, "not a directory");
      pump(new ByteArrayInputStream(s.toString().getBytes()), log, tail);
      assertThat(quiet.records).hasSize(1);
      assertThat(rec.records).hasSize(5000);
    }
    assertThat(tail.lines()).containsExactly("line 4999");
  }

  @Test
  void withoutALogTheTailStillFills() throws Exception {
    OutputTail tail = new OutputTail(2);
    try (LogFixtures.Recorder rec = new LogFixtures.Recorder(OutputPump.LOGGER)) {
      pump(new ByteArrayInputStream("1\n2\n3".getBytes()), null, tail);
    }
    assertThat(tail.lines()).containsExactly("2", "3");
  }

  private static void pump(InputStream in, PluginLog log, OutputTail tail) throws Exception {
    Thread t = OutputPump.start(in, "stdout", log, tail, "p", ID);
    t.join(PATIENCE);
    assertThat(t.isAlive()).isFalse();
  }
}
