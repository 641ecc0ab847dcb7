package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.api.PluginInit;
import dev.hangar.testkit.PluginJarBuilder;
import dev.hangar.testkit.TestPki;
import dev.hangar.testkit.TestPlugins;
import dev.hangar.testkit.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust flags of the commands that speak to a registry themselves (here
 * {@code plugin push --jar}, no daemon involved), against Debian's registry behind TLS signed by
 * a test CA the system does not trust.
 */
class RegistryFlagsTest {
  @TempDir static Path shared;
  static TestPki pki;
  static RegistryServer registry;
  static Path jar;

  @TempDir Path root;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    pki = TestPki.create(Files.createDirectories(shared.resolve("pki")));
    registry = RegistryServer.builder(shared.resolve("registry"))
        .tls(pki.serverCert(), pki.serverKey()).start();
    jar = TestPlugins.resource(PluginJarBuilder.classPathOf(PluginInit.class), "mem", "mem", "x")
        .writeTo(shared.resolve("t-resource-plugin-mem.jar"));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private CliTest.Run push(String repo, String... flags) {
    String[] args = new String[flags.length + 5];
    args[0] = "plugin";
    args[1] = "push";
    System.arraycopy(flags, 0, args, 2, flags.length);
    args[flags.length + 2] = "--jar";
    args[flags.length + 3] = jar.toString();
    args[flags.length + 4] = registry.address() + "/" + repo + ":1";
    return CliTest.runWithEnv(root, Map.of("DOCKER_CONFIG", root.resolve("dc").toString()), null,
        args);
  }

  @Test
  void aRegistryWhoseCaIsNotTrustedIsRefusedNamingIt() {
    CliTest.Run r = push("team/untrusted");
    assertThat(r.exit()).as(r.toString()).isNotZero();
    assertThat(r.err()).startsWith("Error: registry " + registry.address() + ": cannot verify "
        + "the TLS certificate").doesNotContain("\tat ");
  }

  @Test
  void registryCaTrustsTheCaForThisCommand() {
    CliTest.Run r = push("team/ca", "--registry-ca", pki.caCert().toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("1: digest: sha256:");
  }

  @Test
  void registryCertsDirIsReadAsDockersPerRegistryDirectory() throws Exception {
    Path certs = Files.createDirectories(root.resolve("certs.d").resolve(registry.address()));
    Files.copy(pki.caCert(), certs.resolve("ca.crt"));
    CliTest.Run r = push("team/certsd", "--registry-certs-dir",
        root.resolve("certs.d").toString());
    assertThat(r.exit()).as(r.toString()).isZero();
  }
}
