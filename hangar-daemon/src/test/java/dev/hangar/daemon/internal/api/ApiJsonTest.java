package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiJsonTest {

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void errorBodyIsMessageAndNewlineWithoutHtmlEscaping() {
    assertThat(text(ApiJson.error("plugin \"a<b>&c\" not found")))
        .isEqualTo("{\"message\":\"plugin \\\"a<b>&c\\\" not found\"}\n");
  }

  @Test
  void controlCharactersAndLineSeparatorsAreEscapedAsGo() {
    assertThat(text(ApiJson.error("a\u0001b\tc\nd\u2028e\u2029f\u007fé")))
        .isEqualTo("{\"message\":\"a\\u0001b\\tc\\nd\\u2028e\\u2029f\u007fé\"}\n");
  }

  @Test
  void theHtmlEscapedEncoderEscapesAngleBracketsAndAmpersands() {
    assertThat(text(ApiJson.encodeHtmlEscaped(ApiJson.object().put("a", "<x&y>"))))
        .isEqualTo("{\"a\":\"\\u003cx\\u0026y\\u003e\"}\n");
  }
}
