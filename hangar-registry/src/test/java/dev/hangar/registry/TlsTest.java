package dev.hangar.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.testkit.TestPki;
import dev.hangar.testkit.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's registry over TLS with a CA made by the test: trust as Docker arranges it. */
class TlsTest {
  @TempDir static Path dir;
  static TestPki pki;

  @BeforeAll
  static void pki() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    pki = TestPki.create(dir.resolve("pki"));
  }

  private static void roundTrip(RegistryClient client, String registry) throws Exception {
    Path blob = TestImages.randomFile(Files.createTempDirectory(dir, "b"), "blob", 5_000, 60);
    Repository repo = new Repository(registry, "tls/blob");
    Descriptor d = client.pushBlob(repo, blob, Optional.empty()).descriptor();
    Path out = Files.createTempDirectory(dir, "o").resolve("blob");
    client.downloadBlob(repo, d.digest(), d.size(), out);
    assertThat(out).hasSameBinaryContentAs(blob);
  }

  private static RegistryClient.Builder builder(Path certsDir) {
    return RegistryClient.builder().credentials(CredentialSource.NONE).certsDir(certsDir);
  }

  @Test
  void aCertificateFromAnUnknownCaIsRefusedSayingWhereToPutTheCa() throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r1"))
        .tls(pki.serverCert(), pki.serverKey()).start();
        RegistryClient client = builder(dir.resolve("certs-empty")).build()) {
      assertThatThrownBy(() -> client.listTags(new Repository(registry.address(), "tls/x")))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_UNREACHABLE))
          .hasMessageContaining("cannot verify the TLS certificate of registry "
              + registry.address())
          .hasMessageContaining(dir.resolve("certs-empty").resolve(registry.address())
              .resolve("ca.crt").toString());
    }
  }

  @Test
  void aCaInCertsDirOrPassedAsExtraIsTrusted() throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r2"))
        .tls(pki.serverCert(), pki.serverKey()).start()) {
      Path certs = dir.resolve("certs-ca");
      Path host = Files.createDirectories(certs.resolve(registry.address()));
      Files.copy(pki.caCert(), host.resolve("ca.crt"));
      try (RegistryClient client = builder(certs).build()) {
        roundTrip(client, registry.address());
      }
      try (RegistryClient client = builder(dir.resolve("certs-none")).extraCa(pki.caCert())
          .build()) {
        roundTrip(client, registry.address());
      }
    }
  }

  @Test
  void aRegistryNamedInsecureIsSpokenToWithoutCertificateChecks() throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r3"))
        .tls(pki.serverCert(), pki.serverKey()).start();
        RegistryClient client = builder(dir.resolve("certs-none"))
            .insecureRegistry(registry.address()).build()) {
      roundTrip(client, registry.address());
    }
  }

  @Test
  void aClientCertificateFromCertsDirIsPresentedWhenTheRegistryRequiresOne() throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r4"))
        .tls(pki.serverCert(), pki.serverKey()).clientCa(pki.caCert()).start()) {
      Path without = dir.resolve("certs-no-client");
      Files.createDirectories(without.resolve(registry.address()));
      Files.copy(pki.caCert(), without.resolve(registry.address()).resolve("ca.crt"));
      try (RegistryClient client = builder(without).build()) {
        assertThatThrownBy(() -> roundTrip(client, registry.address()))
            .isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_UNREACHABLE))
            .hasMessageContaining(registry.address());
      }
      Path with = dir.resolve("certs-client");
      Path host = Files.createDirectories(with.resolve(registry.address()));
      Files.copy(pki.caCert(), host.resolve("ca.crt"));
      Files.copy(pki.clientCert(), host.resolve("client.cert"));
      Files.copy(pki.clientKey(), host.resolve("client.key"));
      try (RegistryClient client = builder(with).build()) {
        roundTrip(client, registry.address());
      }
    }
  }

  @Test
  void aCertsDirKeyWithoutItsCertificateIsTlsInvalid() throws Exception {
    Path certs = dir.resolve("certs-half");
    Files.createDirectories(certs.resolve("127.0.0.1:1"));
    Files.copy(pki.clientKey(), certs.resolve("127.0.0.1:1").resolve("client.key"));
    try (RegistryClient client = builder(certs).build()) {
      assertThatThrownBy(() -> client.listTags(new Repository("127.0.0.1:1", "x")))
          .isInstanceOfSatisfying(dev.hangar.protocol.HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TLS_INVALID))
          .hasMessageContaining("client.cert");
    }
  }

  @Test
  void plainHttpIsOnlyForLoopbackOrInsecureRegistries() {
    assertThat(List.of("127.0.0.1:5000", "127.1.2.3:80", "localhost:5000", "[::1]:5000"))
        .allMatch(dev.hangar.registry.internal.http.Transport::isLoopback);
    assertThat(List.of("10.0.0.1:5000", "192.168.1.1", "registry.example.invalid:443",
        "[2001:db8::1]:5000"))
        .noneMatch(dev.hangar.registry.internal.http.Transport::isLoopback);
  }
}
