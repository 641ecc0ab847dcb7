package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {
  private final SizeConverter c = new SizeConverter();

  @Test
  void unitsArePowersOf1024() {
    assertThat(c.convert("4096")).isEqualTo(4096L);
    assertThat(c.convert("512k")).isEqualTo(512L << 10);
    assertThat(c.convert("10MB")).isEqualTo(10L << 20);
    assertThat(c.convert("4GiB")).isEqualTo(4L << 30);
    assertThat(c.convert("1t")).isEqualTo(1L << 40);
    assertThat(c.convert("7b")).isEqualTo(7L);
  }

  @Test
  void zeroNegativeAndUnknownUnitsAreRefused() {
    for (String bad : new String[] {"0", "-1", "10x", "k", "", "99999999999999g"}) {
      assertThatThrownBy(() -> c.convert(bad)).as(bad)
          .isInstanceOf(TypeConversionException.class);
    }
  }
}
