package dev.hangar.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidYouMeanTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "paht|path", "Path|path", "PATH|path", "export|exports", "exprots|exports",
      "max_restarts|max_restart", "timout|timeout", "sha|''", "descr|''", "q|''", "x|''",
      "environment|''", "plugins|''",
  })
  void suggestsOnlyCloseKeys(String key, String suggestion) {
    String hint = DidYouMean.hint(key, DeclDomainReader.KEYS);
    assertThat(hint).isEqualTo(suggestion.isEmpty() ? "" : " (did you mean '" + suggestion + "'?)");
  }

  @ParameterizedTest
  @CsvSource({"kitten, sitting, 3", "a, a, 0", "ab, ba, 2", "'', ab, 2", "abc, abcdef, 2147483647"})
  void measuresEditDistance(String a, String b, int distance) {
    assertThat(DidYouMean.distance(a, b)).isEqualTo(distance);
  }
}
