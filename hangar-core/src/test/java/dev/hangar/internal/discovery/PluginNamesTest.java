package dev.hangar.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PluginNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "7", "my-plugin", "my_plugin", "vol.v2", "a.b.c", "A-1_b.2"})
  void acceptsNamesFromTheDocumentedCharset(String name) {
    assertThat(PluginNames.validate(name)).isEqualTo(name);
    assertThat(PluginNames.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|must not be empty",
      "a/b|path separator '/'",
      "a\\b|path separator '\\'",
      "../etc/passwd|path separator '/'",
      "..|must start with a letter or digit",
      "a..b|must not contain '..'",
      "x..|must not contain '..'",
      ".hidden|must start with a letter or digit",
      "-x|must start with a letter or digit",
      "_x|must start with a letter or digit",
      "a b|U+0020",
      "a:b|':'",
      "caf\u00e9|'\u00e9'",
      "a*|'*'",
  })
  void rejectsBadNamesSayingWhatIsWrong(String name, String problem) {
    assertThatThrownBy(() -> PluginNames.validate(name))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLUGIN_NAME))
        .hasMessageContaining(problem);
    assertThat(PluginNames.isValid(name)).isFalse();
  }

  @Test
  void rejectsNullAndControlCharacters() {
    assertThatThrownBy(() -> PluginNames.validate(null)).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> PluginNames.validate("a\u0000b")).hasMessageContaining("U+0000")
        .hasMessageContaining("a\\u0000b");
  }

  @Test
  void limitsTheLengthTo128Characters() {
    assertThat(PluginNames.isValid("x".repeat(128))).isTrue();
    assertThatThrownBy(() -> PluginNames.validate("x".repeat(129)))
        .hasMessageContaining("129 characters long; the limit is 128");
  }
}
