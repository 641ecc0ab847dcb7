package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.tls.TlsContexts;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .json} spec with a TLSConfig, end to end against a TLS plugin that requires a client
 * certificate.
 */
class TlsSpecTest {
  @TempDir static Path pkiDir;
  private static TestPki pki;
  private final HostFixture fx = new HostFixture();
  private RawPluginServer server;

  @BeforeAll
  static void pki() throws Exception {
    pki = TestPki.create(pkiDir); // openssl is slow: once per class
  }

  @BeforeEach
  void start() throws Exception {
    Path tls = Files.createDirectories(fx.specs.resolve("tls"));
    for (Path f : List.of(pki.caCert(), pki.clientCert(), pki.clientKey())) {
      Files.copy(f, tls.resolve(f.getFileName()));
    }
    server = fx.track(RawPluginServer.tls(
        TlsContexts.server(pki.serverCert(), pki.serverKey(), pki.caCert()),
        r -> Reply.json(200, "{\"Implements\":[\"VolumeDriver\"]}")));
  }

  @AfterEach
  void cleanUp() throws Exception {
    fx.close();
  }

  @Test
  void relativeTlsFilesAreFoundBesideTheJsonFile() {
    fx.spec("secure.json", """
        {"Name": "ignored", "Addr": "%s",
         "TLSConfig": {"CAFile": "tls/ca.pem", "CertFile": "tls/client.pem",
                       "KeyFile": "tls/client.key"}}""".formatted(server.url()));
    PluginHost host = fx.host();
    assertThat(host.get("secure", "VolumeDriver").implementsList()).containsExactly("VolumeDriver");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aTlsConfigWithoutCaFileVerifiesAgainstTheSystemTrustStoreUnlikeDocker() {
    fx.spec("secure.json", """
        {"Addr": "%s", "TLSConfig": {"CertFile": "tls/client.pem", "KeyFile": "tls/client.key"}}"""
        .formatted(server.url()));
    PluginHost host = fx.host();
    assertThatThrownBy(() -> host.get("secure", "VolumeDriver"))
        .isInstanceOf(HangarException.class).hasMessageContaining("secure");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void insecureSkipVerifyIsHonoured() {
    fx.spec("secure.json", """
        {"Addr": "%s", "TLSConfig": {"InsecureSkipVerify": true,
         "CertFile": "tls/client.pem", "KeyFile": "tls/client.key"}}""".formatted(server.url()));
    PluginHost host = fx.host();
    assertThat(host.get("secure", "VolumeDriver").state()).isEqualTo(PluginState.ACTIVE);
  }
}
