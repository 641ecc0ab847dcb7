package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  @Test
  void limitsRefuseZero() {
    DurationConverter.Positive positive = new DurationConverter.Positive();
    assertThat(positive.convert("1ms")).isEqualTo(Duration.ofMillis(1));
    for (String zero : new String[] {"0", "0s", "0ms"}) {
      assertThatThrownBy(() -> positive.convert(zero)).as(zero)
          .isInstanceOf(TypeConversionException.class).hasMessageContaining("more than zero");
    }
  }

  @Test
  void aZeroTimeoutOnTheCommandLineIsAUsageError(@TempDir Path root) {
    CliTest.Run r = CliTest.run(root, null, "plugin", "call", "--timeout", "0s", "x", "y");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("'0s' must be more than zero").doesNotContain("internal error");
  }
}
