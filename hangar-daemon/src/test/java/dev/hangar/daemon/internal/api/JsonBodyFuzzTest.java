package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the Engine API's request bodies and the {@code X-Registry-Auth} header: for any bytes,
 * a body is read as the {@code []string} of {@code plugin set} and the privileges of
 * {@code plugin pull}, or refused with USAGE (400), never another exception; a header gives
 * credentials or none, never an exception. Seeds are what the docker CLI sends.
 */
class JsonBodyFuzzTest {
  private static final int MAX_BODY = 1 << 20;

  @FuzzTest
  @Timeout(10)
  void body(byte[] input) throws IOException {
    try {
      Optional<JsonNode> body = JsonBody.read("application/json", input.length,
          new ByteArrayInputStream(input), MAX_BODY);
      assertThat(PluginEndpoints.stringArray(body)).doesNotContainNull();
      assertThat(DistEndpoints.privileges(body)).doesNotContainNull();
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
    }
  }

  @FuzzTest
  @Timeout(10)
  void registryAuth(byte[] input) {
    assertThat(RegistryAuth.credentials(new String(input, StandardCharsets.ISO_8859_1)))
        .isNotNull();
  }
}
