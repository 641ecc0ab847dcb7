package dev.hangar.managed.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.managed.PluginConfig;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the reading of a plugin's {@code config.json}: for any bytes, a config that writes back
 * to JSON, or PACKAGE_INVALID naming the file; never another exception. Seeds are the example
 * volume plugin's config and Docker's sample plugin configs.
 */
class ConfigJsonFuzzTest {
  @FuzzTest
  @Timeout(10)
  void configJson(byte[] input) {
    PluginConfig c;
    try {
      c = ConfigJson.parse(input, "config.json");
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_INVALID);
      assertThat(e.getMessage()).startsWith("config.json");
      return;
    }
    assertThat(ConfigJson.toJson(c).isObject()).isTrue();
  }
}
