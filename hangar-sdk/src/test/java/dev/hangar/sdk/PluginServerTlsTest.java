package dev.hangar.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.testkit.ShortTempDir;

import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.Manifest;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.volume.CapabilitiesRequest;
import dev.hangar.protocol.volume.VolumeDriver;
import dev.hangar.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over TLS, checked with Hangar's client and a test CA. */
class PluginServerTlsTest {
  private static final ClientConfig NO_RETRY = ClientConfig.DEFAULT.withBackoff(Backoff.NONE);

  @TempDir
  static Path pkiDir;

  private static TestPki pki;

  private final ShortTempDir dir = new ShortTempDir();
  private final RecordingVolumeDriver driver = new RecordingVolumeDriver();

  @BeforeAll
  static void makePki() throws IOException {
    pki = TestPki.create(pkiDir);
  }

  @AfterEach
  void cleanUp() throws IOException {
    dir.close();
  }

  @Test
  void tlsWithAClientCertificate() throws IOException {
    try (PluginServer server = PluginServer.builder().serve(VolumeDriver.class, driver)
        .tcp("127.0.0.1", 0).tls(pki.serverCert(), pki.serverKey(), pki.caCert()).start()) {
      PluginAddress.Tcp a = (PluginAddress.Tcp) server.address();
      assertThat(a.url()).startsWith("https://127.0.0.1:");
      assertThat(Files.readString(server.writeSpec(dir.resolve("specs"), "tls")))
          .isEqualTo(a.url());

      TlsSettings good = new TlsSettings(pki.caCert(), pki.clientCert(), pki.clientKey(), false);
      try (PluginClient client = PluginClient.create("p",
          new PluginAddress.Tcp("localhost", a.port(), good), NO_RETRY)) {
        assertThat(client.call("Plugin.Activate", null, Manifest.class).implementsList())
            .containsExactly("VolumeDriver");
      }

      // With TLS 1.3 the refusal shows as an alert or a broken pipe, depending on timing.
      TlsSettings noClientCert = new TlsSettings(pki.caCert(), null, null, false);
      try (PluginClient client = PluginClient.create("p",
          new PluginAddress.Tcp("localhost", a.port(), noClientCert), NO_RETRY)) {
        assertThatThrownBy(() -> client.call("Plugin.Activate", null, Manifest.class))
            .isInstanceOf(HangarException.class);
      }
    }
  }

  @Test
  void tlsWithoutClientAuthentication() {
    try (PluginServer server = PluginServer.builder().serve(VolumeDriver.class, driver)
        .tcp("127.0.0.1", 0).tls(pki.serverCert(), pki.serverKey(), null).start()) {
      int port = ((PluginAddress.Tcp) server.address()).port();
      TlsSettings tls = new TlsSettings(pki.caCert(), null, null, false);
      try (PluginClient client = PluginClient.create("p",
          new PluginAddress.Tcp("localhost", port, tls), NO_RETRY)) {
        assertThat(client.proxy(VolumeDriver.class).capabilities(new CapabilitiesRequest())
            .capabilities().scope()).isEqualTo("local");
      }
    }
  }

  @Test
  void tlsIsRefusedOnAUnixSocket() {
    PluginServer.Builder b = PluginServer.builder().unixSocket(dir.resolve("p.sock"))
        .tls(pki.serverCert(), pki.serverKey(), null);

    assertThatThrownBy(b::start).isInstanceOf(IllegalStateException.class);
  }
}
