package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void acceptsEveryDocumentedUnitAndPlainSeconds() {
    assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(converter.convert("15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(converter.convert("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void refusesAnythingElseSayingWhatToWrite() {
    for (String bad : new String[] {"", "-1s", "1.5s", "10d", "s", "1 s x"}) {
      assertThatThrownBy(() -> converter.convert(bad))
          .as(bad)
          .isInstanceOf(TypeConversionException.class)
          .hasMessageContaining("not a duration");
    }
  }
}
