package dev.hangar.tests;

import static dev.hangar.tests.ManagedDockerCliTest.failed;
import static dev.hangar.tests.ManagedDockerCliTest.json;
import static dev.hangar.tests.ManagedDockerCliTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.testkit.Closing;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.registry.RegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signatures end to end with Debian's registry: {@code hangar plugin push --sign-key},
 * {@code hangar plugin install --verify-key} (the CLI verifies, the daemon pulls the digest
 * verified), and {@code hangar daemon --signature-policy} refusing the stock docker CLI's
 * install of an unsigned plugin. Needs root, runc, Go, docker-registry and the docker CLI.
 */
class SignedPluginCliTest {
  private ShortTempDir tmp;
  private RegistryServer registry;
  private HangarDaemon daemon;
  private DockerCli docker;
  private String unsigned;
  private Path trustedPub;
  private Path trustedKey;
  private Path otherPub;

  @BeforeEach
  void start() throws IOException, GeneralSecurityException {
    GoPluginRuncTest.assumeRuncAsRoot();
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    GoPrograms.build();
    tmp = new ShortTempDir();
    registry = RegistryServer.builder(tmp.resolve("registry")).start();
    Path keys = Files.createDirectories(tmp.resolve("keys"));
    KeyPair trusted = keyPair();
    trustedPub = pem(keys.resolve("trusted.pub"), "PUBLIC KEY", trusted.getPublic().getEncoded());
    trustedKey = pem(keys.resolve("trusted.key"), "PRIVATE KEY",
        trusted.getPrivate().getEncoded());
    otherPub = pem(keys.resolve("other.pub"), "PUBLIC KEY", keyPair().getPublic().getEncoded());
    Files.writeString(keys.resolve("policy.json"), "{\"schemaVersion\": 1, \"default\": "
        + "{\"required\": true, \"keys\": [\"trusted.pub\"]}}\n");
    daemon = HangarDaemon.start(tmp.resolve("root"), Optional.of(tmp.resolve("rt")));
    docker = DockerCli.at(daemon.socket(), tmp.path());
    unsigned = registry.address() + "/team/plain:1.0";
    create(unsigned, "plain");
    ok(daemon.cli("plugin", "push", unsigned));
    ok(docker.run("plugin", "rm", unsigned));
  }

  @AfterEach
  void stop() throws Exception {
    Closing.all(daemon, registry, tmp);
  }

  /** A fresh ECDSA P-256 key pair. */
  static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** Writes {@code der} to {@code file} as PEM of {@code type}; the file. */
  static Path pem(Path file, String type, byte[] der) throws IOException {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return Files.writeString(file, "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type
        + "-----\n");
  }

  private void create(String ref, String description) throws IOException {
    Path pkg = ManagedPackages.goPlugin().description(description)
        .writeDir(tmp.resolve("pkg-" + description));
    ok(docker.run("plugin", "create", ref, pkg.toString()));
  }

  @Test
  void verifyKeyRefusesAnUnsignedPluginAndInstallsNothing() {
    Command.Result r = daemon.cli("plugin", "install", "--verify-key", trustedPub.toString(),
        "--disable", unsigned);
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(r.stderr()).startsWith("Error: " + registry.address() + "/team/plain:1.0@sha256:")
        .contains(": unsigned: ").contains(trustedPub.toString());
    assertThat(ok(docker.run("plugin", "ls", "-q")).stdout()).isEmpty();
  }

  @Test
  void pushWithSignKeyThenInstallWithVerifyKeyInstallsExactlyTheSignedDigestUnderItsName()
      throws IOException {
    String signed = registry.address() + "/team/signed:2.0";
    create(signed, "signed");
    Command.Result pushed = ok(daemon.cli("plugin", "push", "--sign-key", trustedKey.toString(),
        signed));
    String digest = pushed.stdout().replaceAll("(?s).*2\\.0: digest: (sha256:[0-9a-f]{64}).*",
        "$1");
    assertThat(digest).startsWith("sha256:");
    assertThat(pushed.stdout()).endsWith("Signed " + registry.address() + "/team/signed@"
        + digest + " with " + trustedKey + ": " + registry.address() + "/team/signed:sha256-"
        + digest.substring(7) + ".sig\n");
    ok(docker.run("plugin", "rm", signed));

    Command.Result wrong = daemon.cli("plugin", "install", "--verify-key", otherPub.toString(),
        "--disable", signed);
    assertThat(wrong.exitCode()).as(wrong.describe()).isEqualTo(1);
    assertThat(wrong.stderr()).contains(digest).contains("no valid signature")
        .contains(otherPub.toString());
    assertThat(ok(docker.run("plugin", "ls", "-q")).stdout()).isEmpty();

    Command.Result installed = ok(daemon.cli("plugin", "install", "--verify-key",
        trustedPub.toString(), "--disable", signed));
    assertThat(installed.stdout()).startsWith("Verified signature of " + signed + " at " + digest
        + " by " + trustedPub + "\n").endsWith("Installed plugin " + signed + "\n");
    JsonNode p = json(ok(docker.run("plugin", "inspect", signed))).get(0);
    assertThat(p.get("Name").asText()).isEqualTo(signed);
    assertThat(p.get("PluginReference").asText())
        .isEqualTo(registry.address() + "/team/signed@" + digest);
    assertThat(json(ok(daemon.cli("plugin", "inspect", signed))).path("manifestDigest").asText())
        .isEqualTo(digest);
  }

  @Test
  void upgradeWithVerifyKeyRefusesAnUnsignedImageKeepingThePluginThenMovesToASignedDigest()
      throws IOException {
    ok(docker.run("plugin", "install", "--grant-all-permissions", "--disable", unsigned));
    String plainNext = registry.address() + "/team/plain:1.1";
    create(plainNext, "plain-next");
    ok(daemon.cli("plugin", "push", plainNext));
    ok(docker.run("plugin", "rm", plainNext));
    String signed = registry.address() + "/team/plain:2.0";
    create(signed, "signed-next");
    Command.Result pushed = ok(daemon.cli("plugin", "push", "--sign-key",
        trustedKey.toString(), signed));
    String digest = pushed.stdout().replaceAll("(?s).*2\\.0: digest: (sha256:[0-9a-f]{64}).*",
        "$1");
    ok(docker.run("plugin", "rm", signed));

    Command.Result refused = daemon.cli("plugin", "upgrade", "--verify-key",
        trustedPub.toString(), "--grant-all-permissions", "--skip-remote-check", unsigned,
        plainNext);
    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
    assertThat(refused.stderr()).contains(": unsigned: ").contains(trustedPub.toString());
    assertThat(ok(docker.run("plugin", "inspect", "-f", "{{.PluginReference}} "
        + "{{.Config.Description}}", unsigned)).stdout()).isEqualTo(unsigned + " plain\n");

    Command.Result upgraded = ok(daemon.cli("plugin", "upgrade", "--verify-key",
        trustedPub.toString(), "--grant-all-permissions", "--skip-remote-check", unsigned,
        signed));
    assertThat(upgraded.stdout()).contains("Verified signature of " + signed + " at " + digest
        + " by " + trustedPub + "\n");
    assertThat(ok(docker.run("plugin", "inspect", "-f", "{{.PluginReference}} "
        + "{{.Config.Description}}", unsigned)).stdout())
        .isEqualTo(registry.address() + "/team/plain@" + digest + " signed-next\n");
  }

  @Test
  void aDaemonWithASignaturePolicyRefusesTheDockerCliAnUnsignedPluginAndInstallsASignedOne()
      throws IOException {
    String signed = registry.address() + "/team/signed:3.0";
    create(signed, "signed");
    ok(daemon.cli("plugin", "push", "--sign-key", trustedKey.toString(), signed));
    ok(docker.run("plugin", "rm", signed));
    daemon.close();
    daemon = null;
    daemon = HangarDaemon.start(tmp.resolve("root"), Optional.of(tmp.resolve("rt")),
        "--signature-policy", tmp.resolve("keys/policy.json").toString());
    docker = DockerCli.at(daemon.socket(), tmp.path());

    Command.Result refused = failed(docker.run("plugin", "install", "--grant-all-permissions",
        "--disable", unsigned));
    assertThat(refused.stderr()).startsWith("Error response from daemon: " + registry.address()
        + "/team/plain:1.0@sha256:").contains(": unsigned: ");
    assertThat(ok(docker.run("plugin", "ls", "-q")).stdout()).isEmpty();

    ok(docker.run("plugin", "install", "--grant-all-permissions", "--disable", signed));
    assertThat(ok(docker.run("plugin", "inspect", "-f", "{{.Config.Description}}", signed))
        .stdout()).isEqualTo("signed\n");
  }
}
