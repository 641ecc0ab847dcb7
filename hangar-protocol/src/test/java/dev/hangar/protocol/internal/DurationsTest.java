package dev.hangar.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
      "0, 0ms", "250, 250ms", "999, 999ms", "1000, 1s", "1500, 1.5s", "12345, 12.345s",
      "60000, 1m0s", "90500, 1m30.5s", "3600000, 1h0m0s", "86400000, 24h0m0s"})
  void formatsAsGoDoes(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }
}
