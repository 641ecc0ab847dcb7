package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.testkit.registry.Htpasswd;
import dev.hangar.testkit.registry.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hangar login}/{@code logout} against Debian's registry behind htpasswd Basic auth. */
class LoginCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OTHER_KEYS = """
      {"auths":{"other.example:5000":{"auth":"eDp5"}},"psFormat":"table {{.ID}}",
       "proxies":{"default":{"httpProxy":"http://proxy:3128"}}}""";

  @TempDir static Path shared;
  static RegistryServer registry;

  @TempDir Path root;
  Path dockerConfig;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "apache2-utils is not installed");
    Path htpasswd = Htpasswd.write(shared.resolve("htpasswd"), "alice", "s3cret");
    registry = RegistryServer.builder(shared.resolve("registry")).htpasswd(htpasswd).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void config() throws Exception {
    dockerConfig = Files.createDirectories(root.resolve("docker-config"));
    Files.writeString(dockerConfig.resolve("config.json"), OTHER_KEYS);
  }

  private CliTest.Run hangar(String stdin, String... args) {
    return CliTest.runWithEnv(root, Map.of("DOCKER_CONFIG", dockerConfig.toString()), stdin,
        args);
  }

  private JsonNode configJson() throws Exception {
    return JSON.readTree(dockerConfig.resolve("config.json").toFile());
  }

  private static String basic(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void loginWithTheRightPasswordSavesItInDockerConfigKeepingOtherKeysWithMode0600()
      throws Exception {
    CliTest.Run r = hangar(null, "login", "-u", "alice", "-p", "s3cret", registry.address());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("Login Succeeded\n");
    assertThat(r.err()).contains(
        "WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
    JsonNode c = configJson();
    assertThat(c.path("auths").path(registry.address()).path("auth").asText())
        .isEqualTo(basic("alice", "s3cret"));
    assertThat(c.path("auths").path("other.example:5000").path("auth").asText()).isEqualTo("eDp5");
    assertThat(c.path("psFormat").asText()).isEqualTo("table {{.ID}}");
    assertThat(c.path("proxies").path("default").path("httpProxy").asText())
        .isEqualTo("http://proxy:3128");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dockerConfig.resolve("config.json")))).isEqualTo("rw-------");
  }

  @Test
  void loginKeysAServerGivenAsAUrlByItsHost() throws Exception {
    CliTest.Run r = hangar("s3cret\n", "login", "-u", "alice", "--password-stdin",
        "http://" + registry.address() + "/v2/");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(configJson().path("auths").has(registry.address())).isTrue();
  }

  @Test
  void loginWithAWrongPasswordIsRegistryAuthAndLeavesTheFileAsItWas() throws Exception {
    byte[] before = Files.readAllBytes(dockerConfig.resolve("config.json"));

    CliTest.Run r = hangar("wrong\n", "login", "-u", "alice", "--password-stdin",
        registry.address());

    assertThat(r.exit()).as(r.toString()).isEqualTo(ErrorCode.REGISTRY_AUTH.exitStatus());
    assertThat(r.out()).doesNotContain("Login Succeeded");
    assertThat(r.err()).startsWith("Error: ").contains(registry.address());
    assertThat(Files.readAllBytes(dockerConfig.resolve("config.json"))).isEqualTo(before);
  }

  @Test
  void passwordStdinReadsThePasswordWithoutItsTrailingNewlineAndPrintsNoWarning()
      throws Exception {
    CliTest.Run r = hangar("s3cret\r\n", "login", "--username", "alice", "--password-stdin",
        registry.address());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("Login Succeeded\n");
    assertThat(r.err()).doesNotContain("WARNING");
    assertThat(configJson().path("auths").path(registry.address()).path("auth").asText())
        .isEqualTo(basic("alice", "s3cret"));
  }

  @Test
  void passwordStdinWithoutAUserIsAUsageError() throws Exception {
    byte[] before = Files.readAllBytes(dockerConfig.resolve("config.json"));

    CliTest.Run r = hangar("s3cret\n", "login", "--password-stdin", registry.address());

    assertThat(r.exit()).as(r.toString()).isEqualTo(ErrorCode.USAGE.exitStatus());
    assertThat(r.err()).contains("the --password-stdin option requires --username to be set");
    assertThat(Files.readAllBytes(dockerConfig.resolve("config.json"))).isEqualTo(before);
  }

  @Test
  void withoutATerminalAndWithoutAUserLoginSaysWhatToPassInsteadOfPrompting() {
    CliTest.Run r = hangar("alice\ns3cret\n", "login", registry.address());

    assertThat(r.exit()).as(r.toString()).isEqualTo(ErrorCode.USAGE.exitStatus());
    assertThat(r.out()).doesNotContain("Username");
    assertThat(r.err()).contains("non TTY").contains("--username").contains("--password-stdin");
  }

  @Test
  void logoutRemovesTheServersEntryAndKeepsTheOthers() throws Exception {
    assertThat(hangar("s3cret", "login", "-u", "alice", "--password-stdin", registry.address())
        .exit()).isZero();

    CliTest.Run r = hangar(null, "logout", registry.address());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("Removing login credentials for " + registry.address() + "\n");
    JsonNode c = configJson();
    assertThat(c.path("auths").has(registry.address())).isFalse();
    assertThat(c.path("auths").path("other.example:5000").path("auth").asText()).isEqualTo("eDp5");
    assertThat(c.path("psFormat").asText()).isEqualTo("table {{.ID}}");
  }

  @Test
  void logoutWithoutAServerRemovesDockerHubsKey() throws Exception {
    Files.writeString(dockerConfig.resolve("config.json"),
        "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"eDp5\"},\"h:1\":{}}}");

    CliTest.Run r = hangar(null, "logout");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("Removing login credentials for https://index.docker.io/v1/\n");
    assertThat(configJson().path("auths").has("https://index.docker.io/v1/")).isFalse();
    assertThat(configJson().path("auths").has("h:1")).isTrue();
  }

  @Test
  void logoutOfAServerNotLoggedInToSaysWhatDockerSaysAndLeavesTheFileAsItWas() throws Exception {
    byte[] before = Files.readAllBytes(dockerConfig.resolve("config.json"));

    CliTest.Run r = hangar(null, "logout", "nowhere.example:5000");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).as("docker 28.2's text, entry or not")
        .isEqualTo("Removing login credentials for nowhere.example:5000\n");
    assertThat(Files.readAllBytes(dockerConfig.resolve("config.json"))).isEqualTo(before);
  }
}
