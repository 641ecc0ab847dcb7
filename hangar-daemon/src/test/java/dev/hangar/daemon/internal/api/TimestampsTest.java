package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void unixSecondsWithOptionalNanoseconds() {
    assertThat(Timestamps.parseUnix("")).isEmpty();
    assertThat(Timestamps.parseUnix("0")).contains(Instant.EPOCH);
    assertThat(Timestamps.parseUnix("0.000000000")).contains(Instant.EPOCH);
    assertThat(Timestamps.parseUnix("1700000000.5"))
        .contains(Instant.ofEpochSecond(1700000000, 500_000_000));
    assertThat(Timestamps.parseUnix("1.1234567899"))
        .contains(Instant.ofEpochSecond(1, 123_456_789));
    assertThat(Timestamps.parseUnix("-1")).contains(Instant.ofEpochSecond(-1));
  }

  @Test
  void badTimestampsHaveMobysMessages() {
    assertThatThrownBy(() -> Timestamps.parseUnix("abc"))
        .hasMessage("invalid timestamp \"abc\": invalid seconds \"abc\": invalid syntax");
    assertThatThrownBy(() -> Timestamps.parseUnix("1.2x"))
        .hasMessage("invalid timestamp \"1.2x\": invalid nanoseconds: invalid character 'x'"
            + " at position 1");
    assertThatThrownBy(() -> Timestamps.parseUnix("1." + "1".repeat(21)))
        .hasMessageEndingWith("invalid nanoseconds: length 21 exceeds maximum 20");
    assertThatThrownBy(() -> Timestamps.parseUnix("99999999999999999999"))
        .hasMessageEndingWith("value out of range");
  }

  @Test
  void logsAlsoTakeRfc3339() {
    assertThat(Timestamps.parseUnixOrRfc3339("2026-05-01T10:00:00Z"))
        .contains(Instant.parse("2026-05-01T10:00:00Z"));
    assertThat(Timestamps.parseUnixOrRfc3339("2026-05-01T12:00:00.25+02:00"))
        .contains(Instant.parse("2026-05-01T10:00:00.25Z"));
    assertThat(Timestamps.parseUnixOrRfc3339("1700000000"))
        .contains(Instant.ofEpochSecond(1700000000));
    assertThatThrownBy(() -> Timestamps.parseUnixOrRfc3339("2026-05-01T10"))
        .hasMessageContaining("\"2026-05-01T10\"");
  }

  @Test
  void logTimesAreGosRfc3339Nano() {
    assertThat(Timestamps.rfc3339Nano(Instant.parse("2026-05-01T10:00:00Z")))
        .isEqualTo("2026-05-01T10:00:00Z");
    assertThat(Timestamps.rfc3339Nano(Instant.parse("2026-05-01T10:00:00.123400Z")))
        .isEqualTo("2026-05-01T10:00:00.1234Z");
    assertThat(Timestamps.rfc3339Nano(Instant.ofEpochSecond(1, 5)))
        .isEqualTo("1970-01-01T00:00:01.000000005Z");
  }
}
