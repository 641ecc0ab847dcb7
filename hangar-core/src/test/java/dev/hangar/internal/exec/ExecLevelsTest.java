package dev.hangar.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ExecLevelsTest {
  @Test
  void namesCore0Levels() {
    assertThat(ExecLevels.name(1)).isEqualTo("stdout");
    assertThat(ExecLevels.name(2)).isEqualTo("stderr");
    assertThat(ExecLevels.name(8)).isEqualTo("ops-error");
    assertThat(ExecLevels.name(20)).isEqualTo("result-json");
    assertThat(ExecLevels.name(30)).isEqualTo("result-job");
    assertThat(ExecLevels.name(50)).isEqualTo("exit-state");
    assertThat(ExecLevels.name(100)).isEqualTo("internal");
    assertThat(ExecLevels.name(65535)).isEqualTo("internal");
    assertThat(ExecLevels.name(12)).isEqualTo("level-12");
  }

  @Test
  void resultsAreTwentyToTwentyThreeAndThirty() {
    List<Integer> results = new ArrayList<>();
    for (int level = 0; level <= 200; level++) {
      if (ExecLevels.isResult(level)) {
        results.add(level);
      }
    }
    assertThat(results).containsExactly(20, 21, 22, 23, 30);
  }

  @Test
  void mapsLevelsToLogSeverities() {
    assertThat(ExecLevels.logLevel(1)).isEqualTo(Level.DEBUG);
    assertThat(ExecLevels.logLevel(2)).isEqualTo(Level.INFO);
    for (int level : new int[] {3, 4, 5, 6}) {
      assertThat(ExecLevels.logLevel(level)).as("level %d", level).isEqualTo(Level.INFO);
    }
    assertThat(ExecLevels.logLevel(7)).isEqualTo(Level.WARNING);
    assertThat(ExecLevels.logLevel(8)).isEqualTo(Level.ERROR);
    assertThat(ExecLevels.logLevel(9)).isEqualTo(Level.ERROR);
    for (int level : new int[] {0, 10, 11, 12, 20, 30, 50, 100, 65535}) {
      assertThat(ExecLevels.logLevel(level)).as("level %d", level).isEqualTo(Level.DEBUG);
    }
  }

  @Test
  void logTagsRecordsWithPluginAndMethod() {
    RecordingLogger logger = new RecordingLogger(Level.DEBUG);
    ExecLevels.log(logger, "ovs", "version", new ExecMessage(7, "disk almost full"));
    ExecLevels.log(logger, "ovs", "version", new ExecMessage(2, "line 1\nline 2\tend"));
    assertThat(logger.records).containsExactly(
        "WARNING exec plugin ovs.version: disk almost full",
        "INFO exec plugin ovs.version: line 1\nline 2\tend");
  }

  @Test
  void logSkipsRecordsBelowTheLoggersLevel() {
    RecordingLogger logger = new RecordingLogger(Level.INFO);
    ExecLevels.log(logger, "ovs", "version", new ExecMessage(1, "chatter"));
    ExecLevels.log(logger, "ovs", "version", new ExecMessage(9, "boom"));
    assertThat(logger.records).containsExactly("ERROR exec plugin ovs.version: boom");
  }

  @Test
  void logReplacesControlCharactersAndCutsLongTexts() {
    assertThat(ExecLevels.printable("red \u001b[31m\r\u0000\u007f\u009b ok"))
        .isEqualTo("red \uFFFD[31m\uFFFD\uFFFD\uFFFD\uFFFD ok");
    String plain = "plain text \u00e9";
    assertThat(ExecLevels.printable(plain)).isSameAs(plain);
    String longText = "y".repeat(ExecLevels.LOG_TEXT_MAX + 5);
    assertThat(ExecLevels.printable(longText))
        .isEqualTo("y".repeat(ExecLevels.LOG_TEXT_MAX) + "... (5 more chars)");
    String pairAtCut = "y".repeat(ExecLevels.LOG_TEXT_MAX - 1) + "\ud83d\ude00";
    assertThat(ExecLevels.printable(pairAtCut))
        .isEqualTo("y".repeat(ExecLevels.LOG_TEXT_MAX - 1) + "... (2 more chars)");
  }

  /** Keeps "LEVEL message" for each record at or above its level. */
  private static final class RecordingLogger implements Logger {
    final List<String> records = new ArrayList<>();
    private final Level min;

    RecordingLogger(Level min) {
      this.min = min;
    }

    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.getSeverity() >= min.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      records.add(level + " " + msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      records.add(level + " " + format);
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      records.add(level + " " + msgSupplier.get());
    }
  }
}
