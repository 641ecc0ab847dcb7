package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAuthsTest {
  @TempDir Path tmp;

  private CliContext ctx(Map<String, String> env) {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new CliContext(new ByteArrayInputStream(new byte[0]), out, out, env);
  }

  @Test
  void theUsersDockerConfigGivesTheHeaderForTheReferencesRegistryOnly() throws Exception {
    String auth = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(
        StandardCharsets.UTF_8));
    Files.writeString(tmp.resolve("config.json"),
        "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + auth + "\"}}}");
    CliContext c = ctx(Map.of("DOCKER_CONFIG", tmp.toString()));

    String header = RegistryAuths.forReference(c, "127.0.0.1:5000/team/gp:1.0").orElseThrow();
    JsonNode json = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(header));
    assertThat(json.path("username").asText()).isEqualTo("alice");
    assertThat(json.path("password").asText()).isEqualTo("s3cret");
    assertThat(RegistryAuths.forReference(c, "127.0.0.1:6000/team/gp:1.0")).isEmpty();
    assertThat(RegistryAuths.forReference(c, "Not A Reference")).isEmpty();
  }
}
