package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.testkit.TestPki;
import dev.hangar.testkit.registry.RegistryServer;
import dev.hangar.testkit.registry.TokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hangar login} to a registry that asks for bearer tokens: the token endpoint decides. */
class LoginTokenAuthTest {
  @TempDir static Path shared;
  static TokenServer tokens;
  static RegistryServer registry;

  @TempDir Path root;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    TestPki pki = TestPki.create(shared.resolve("pki"));
    tokens = TokenServer.start(pki).user("alice", "s3cret", "alice-refresh-token");
    registry = RegistryServer.builder(shared.resolve("registry")).token(tokens).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  private CliTest.Run login(String password) {
    return CliTest.runWithEnv(root, Map.of("DOCKER_CONFIG", root.resolve("dc").toString()),
        password + "\n", "login", "-u", "alice", "--password-stdin", registry.address());
  }

  @Test
  void theRightPasswordGetsATokenForTheUserAndIsSaved() throws Exception {
    CliTest.Run r = login("s3cret");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("Login Succeeded\n");
    assertThat(tokens.issued()).anyMatch(i -> "alice".equals(i.user()) && i.status() == 200);
    assertThat(Files.readString(root.resolve("dc/config.json"))).contains(registry.address());
  }

  @Test
  void aPasswordTheTokenEndpointRefusesIsRegistryAuthAndNothingIsSaved() {
    CliTest.Run r = login("wrong");

    assertThat(r.exit()).as(r.toString()).isEqualTo(ErrorCode.REGISTRY_AUTH.exitStatus());
    assertThat(r.out()).doesNotContain("Login Succeeded");
    assertThat(root.resolve("dc/config.json")).doesNotExist();
  }
}
