package dev.hangar.exec.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramesTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Log log = new Log(new TrackingOutputStream(bytes));

  @Test
  void oneLineMessageIsLevelColonColonText() {
    log.warning("disk almost full");
    log.log(Level.STATSD, "calls:1|c");
    log.log(19, "custom");
    assertThat(written()).isEqualTo("7::disk almost full\n10::calls:1|c\n19::custom\n");
  }

  @Test
  void textWithNewlinesUsesTheMultiLineForm() {
    log.error("first\nsecond\n");
    assertThat(written()).isEqualTo("8:::first\nsecond\n\n:::\n");
  }

  @Test
  void textStartingWithAColonUsesTheMultiLineFormSoTheColonSurvives() {
    log.info(":smile:");
    assertThat(written()).isEqualTo("3::::smile:\n:::\n");
  }

  @Test
  void aLineThatWouldCloseTheMessageEarlyGetsATrailingSpace() {
    log.debug("a\n:::\nb");
    assertThat(written()).isEqualTo("11:::a\n::: \nb\n:::\n");
  }

  @Test
  void eachLevelHasCore0sNumber() {
    log.info("i");
    log.operator("o");
    log.critical("c");
    log.log(Level.STRUCTURED, "{}");
    assertThat(written()).isEqualTo("3::i\n4::o\n9::c\n6::{}\n");
  }

  @Test
  void resultLevelsAreRefused() {
    assertThatThrownBy(() -> log.log(20, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20");
    assertThatThrownBy(() -> log.log(0, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resultFrameHasNoFinalNewline() {
    assertThat(new String(Frames.result("{}"), StandardCharsets.UTF_8)).isEqualTo("20:::{}\n:::");
  }

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
