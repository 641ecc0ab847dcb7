package dev.hangar.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeclDurationTest {
  @ParameterizedTest
  @CsvSource({
      "1ms, PT0.001S", "500ms, PT0.5S", "30s, PT30S", "2m, PT2M", "1h, PT1H", "1m30s, PT1M30S",
      "1h1m1s1ms, PT1H1M1.001S", "24h, PT24H", "90s, PT1M30S", "0h1s, PT1S", "007s, PT7S",
  })
  void parsesGoStyleDurationsWithoutFractions(String text, Duration expected) {
    assertThat(DeclDuration.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|'' is not a duration like",
      "30|'30' is not a duration like",
      "s|'s' is not a duration like",
      "1.5s|'1.5s' is not a duration like",
      "-1s|'-1s' is not a duration like",
      "1 s|'1 s' is not a duration like",
      "10d|'10d' has the unknown unit 'd'; units are ms, s, m and h",
      "1S|has the unknown unit 'S'",
      "0s|'0s' must be greater than 0",
      "0ms0s|must be greater than 0",
      "25h|'25h' is more than the limit of 24h",
      "24h1ms|is more than the limit of 24h",
      "9999999999999999999s|is more than the limit of 24h",
      "\u0661s|is not a duration like",
  })
  void refusesAnythingElseSayingWhy(String text, String problem) {
    assertThatThrownBy(() -> DeclDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
  }

  @Test
  void refusesOverlongTextWithoutParsingIt() {
    assertThatThrownBy(() -> DeclDuration.parse("1s".repeat(40)))
        .hasMessageContaining("is not a duration like");
  }

  @Test
  void integerSecondsAreBoundedToo() {
    assertThat(DeclDuration.ofSeconds(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(DeclDuration.ofSeconds(86_400)).isEqualTo(Duration.ofHours(24));
    assertThatThrownBy(() -> DeclDuration.ofSeconds(0)).hasMessage("must be greater than 0, not 0");
    assertThatThrownBy(() -> DeclDuration.ofSeconds(86_401))
        .hasMessage("86401 seconds is more than the limit of 24h");
  }
}
