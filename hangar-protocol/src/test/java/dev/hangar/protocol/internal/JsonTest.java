package dev.hangar.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JacksonException;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static String problemOf(String text) {
    return Json.problem(catchThrowableOfType(JacksonException.class,
        () -> Json.MAPPER.readTree(text)));
  }

  @Test
  void aProblemIsJacksonsTextWithoutTheRedactedSourceNote() {
    String p = problemOf("{\"a\": [1, 2");
    assertThat(p).contains("Unexpected end-of-input").doesNotContain("REDACTED")
        .doesNotContain("Source:");
    assertThat(problemOf("nope")).startsWith("Unrecognized token 'nope'");
  }
}
