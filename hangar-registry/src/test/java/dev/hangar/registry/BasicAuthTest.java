package dev.hangar.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.testkit.registry.Htpasswd;
import dev.hangar.testkit.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's registry behind htpasswd Basic auth: credentials passed, from config.json, from a helper. */
class BasicAuthTest {
  @TempDir static Path dir;
  static RegistryServer registry;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "apache2-utils is not installed");
    Path htpasswd = Htpasswd.write(dir.resolve("htpasswd"), "alice", "s3cret");
    registry = RegistryServer.builder(dir.resolve("registry")).htpasswd(htpasswd).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private RegistryClient.Builder builder(CredentialSource creds) {
    return RegistryClient.builder().credentials(creds).certsDir(dir.resolve("no-certs"));
  }

  private void pushAndPull(RegistryClient client, String name) throws Exception {
    Path blob = TestImages.randomFile(Files.createTempDirectory(dir, "b"), "blob", 10_000, 40);
    Repository repo = new Repository(registry.address(), name);
    Descriptor d = client.pushBlob(repo, blob, Optional.empty()).descriptor();
    Path out = Files.createTempDirectory(dir, "o").resolve("blob");
    client.downloadBlob(repo, d.digest(), d.size(), out);
    assertThat(out).hasSameBinaryContentAs(blob);
    client.pushManifest(repo.tag("t"), TestImages.manifest(MediaTypes.OCI_MANIFEST,
        Descriptor.of(MediaTypes.OCI_CONFIG, d.digest(), d.size()), List.of()));
    assertThat(client.listTags(repo)).containsExactly("t");
  }

  @Test
  void withoutCredentialsTheRegistrysRefusalIsRegistryAuthSayingNoneWereFound() {
    try (RegistryClient client = builder(CredentialSource.NONE).build()) {
      assertThatThrownBy(() -> client.pullManifest(Reference.parse(registry.address()
          + "/private/thing:1")))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_AUTH);
            assertThat(e.status()).contains(401);
          })
          .hasMessageContaining("manifest " + registry.address() + "/private/thing:1")
          .hasMessageContaining("UNAUTHORIZED")
          .hasMessageContaining("no credentials for " + registry.address());
    }
  }

  @Test
  void wrongCredentialsAreRegistryAuthAndNotRetried() {
    try (RegistryClient client = builder(CredentialSource.of(registry.address(),
        new Credentials.Basic("alice", "wrong"))).build()) {
      assertThatThrownBy(() -> client.listTags(new Repository(registry.address(), "private/x")))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_AUTH))
          .hasMessageNotContaining("no credentials");
    }
  }

  @Test
  void credentialsTheCallerPassesAreSentAsBasic() throws Exception {
    try (RegistryClient client = builder(CredentialSource.of(registry.address(),
        new Credentials.Basic("alice", "s3cret"))).build()) {
      pushAndPull(client, "private/passed");
    }
  }

  @Test
  void credentialsComeFromDockersConfigFile() throws Exception {
    Path cfg = Files.createDirectories(dir.resolve("docker-auths"));
    Files.writeString(cfg.resolve("config.json"), "{\"auths\":{\"" + registry.address()
        + "\":{\"auth\":\"" + Base64.getEncoder().encodeToString("alice:s3cret".getBytes())
        + "\"}}}");
    try (RegistryClient client = builder(DockerConfig.of(cfg, List.of())).build()) {
      pushAndPull(client, "private/config");
    }
  }

  @Test
  void credentialsComeFromACredentialHelperOnThePath() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path log = dir.resolve("helper.log");
    Path helper = bin.resolve("docker-credential-test");
    Files.writeString(helper, "#!/bin/sh\n"
        + "server=$(cat)\n"
        + "echo \"$1 $server\" >> " + log + "\n"
        + "if [ \"$1\" = get ] && [ \"$server\" = '" + registry.address() + "' ]; then\n"
        + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"alice\",\"Secret\":\"s3cret\"}' \"$server\"\n"
        + "  exit 0\n"
        + "fi\n"
        + "echo 'credentials not found in native keychain'\n"
        + "exit 1\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path cfg = Files.createDirectories(dir.resolve("docker-helper"));
    Files.writeString(cfg.resolve("config.json"), "{\"credHelpers\":{\"" + registry.address()
        + "\":\"test\"}}");
    try (RegistryClient client = builder(DockerConfig.of(cfg, List.of(bin))).build()) {
      pushAndPull(client, "private/helper");
    }
    assertThat(Files.readAllLines(log)).containsExactly("get " + registry.address());

    Path store = Files.createDirectories(dir.resolve("docker-store"));
    Files.writeString(store.resolve("config.json"), "{\"credsStore\":\"test\"}");
    try (RegistryClient client = builder(DockerConfig.of(store, List.of(bin))).build()) {
      pushAndPull(client, "private/store");
    }
  }
}
