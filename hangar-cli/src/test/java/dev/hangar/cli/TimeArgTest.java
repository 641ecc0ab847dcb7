package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeArgTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("+02:00");

  private static String parse(String v) {
    return TimeArg.parse(v, NOW, ZONE);
  }

  @Test
  void goDurationsCountBackFromNowInWholeSeconds() {
    long now = NOW.getEpochSecond();
    assertThat(parse("42m")).isEqualTo(Long.toString(now - 42 * 60));
    assertThat(parse("1h30m")).isEqualTo(Long.toString(now - 5400));
    assertThat(parse("1.5s")).isEqualTo(Long.toString(now - 2));
    assertThat(parse("250ms")).isEqualTo(Long.toString(now - 1));
  }

  @Test
  void timesBecomeSecondsAndNanoseconds() {
    assertThat(parse("2024-05-01T10:00:00Z")).isEqualTo("1714557600.000000000");
    assertThat(parse("2024-05-01T10:00:00.5+02:00")).isEqualTo("1714550400.500000000");
    assertThat(parse("2024-05-01T10:00:00")).as("local time").isEqualTo("1714550400.000000000");
    assertThat(parse("2024-05-01")).isEqualTo("1714514400.000000000");
  }

  @Test
  void unixSecondsPassAsTheyAreAndTheRestIsRefused() {
    assertThat(parse("0")).isEqualTo("0");
    assertThat(parse("1714557600.25")).isEqualTo("1714557600.25");
    assertThatThrownBy(() -> parse("yesterday")).isInstanceOfSatisfying(HangarException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
        .hasMessage("failed to parse value as time or duration: \"yesterday\"");
  }
}
