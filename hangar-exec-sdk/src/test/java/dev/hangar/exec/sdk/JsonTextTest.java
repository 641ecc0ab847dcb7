package dev.hangar.exec.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  private final ObjectMapper jackson = new ObjectMapper();

  @Test
  void handWrittenValuesMatchJacksonsOutput() throws Exception {
    JsonText json = new JsonText(() -> {
      throw new AssertionError("the mapper must not be needed for simple values");
    });
    for (Object v : List.of("1.0alpha", "", "quote \" backslash \\ slash /",
        "tab\tnl\nret\rbs\bff\f\u0000\u001f\u007f", "é ✓ 😀 <&>", true, false, 0, -42,
        Long.MAX_VALUE, (short) 7, (byte) -1, new BigInteger("123456789012345678901234567890"))) {
      assertThat(json.write(v, "m")).as("%s", v).isEqualTo(jackson.writeValueAsString(v));
    }
    assertThat(json.write(null, "m")).isEqualTo("null");
  }

  @Test
  void randomStringsQuoteAsJacksonDoes() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      char[] chars = new char[random.nextInt(20)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xd7ff));
      }
      String s = new String(chars);
      assertThat(JsonText.quote(s)).isEqualTo(jackson.writeValueAsString(s));
    }
  }

  @Test
  void otherValuesGoThroughTheMapperCreatedOnce() throws Exception {
    int[] created = {0};
    JsonText json = new JsonText(() -> {
      created[0]++;
      return new ObjectMapper();
    });
    assertThat(json.write(List.of(1, "a"), "m")).isEqualTo("[1,\"a\"]");
    assertThat(json.write(1.5, "m")).isEqualTo("1.5");
    assertThat(created[0]).isEqualTo(1);
  }
}
