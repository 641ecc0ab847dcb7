package dev.hangar.managed.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values are what Go 1.19's {@code fmt.Printf("%q", s)} printed for the strings. */
class GoQuoteTest {
  static Stream<Arguments> quotesAsGoDoes() {
    return Stream.of(
        Arguments.of("", "\"\""),
        Arguments.of("plain", "\"plain\""),
        Arguments.of("a\"b\\c", "\"a\\\"b\\\\c\""),
        Arguments.of("é😀 ok", "\"é😀 ok\""),
        Arguments.of("\u0007\b\f\n\r\t\u000b", "\"\\a\\b\\f\\n\\r\\t\\v\""),
        Arguments.of("\u0000\u001f\u007f", "\"\\x00\\x1f\\x7f\""),
        Arguments.of("\u00a0\u00ad\u2028", "\"\\u00a0\\u00ad\\u2028\""),
        Arguments.of("\uDB80\uDC00", "\"\\U000f0000\""),
        Arguments.of("\u3000\u200b\u0301", "\"\\u3000\\u200b\u0301\""),
        Arguments.of("\uFFFDx", "\"\uFFFDx\""),
        Arguments.of("\uD800x", "\"\uFFFDx\""));
  }

  @ParameterizedTest
  @MethodSource
  void quotesAsGoDoes(String in, String quoted) {
    assertThat(GoQuote.quote(in)).isEqualTo(quoted);
  }
}
