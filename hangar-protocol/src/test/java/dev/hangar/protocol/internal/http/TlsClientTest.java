package dev.hangar.protocol.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.internal.tls.TlsContexts;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Responder;
import dev.hangar.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsClientTest {
  @TempDir static Path dir;
  static TestPki pki;
  static TestPki other;

  Fixtures fx;

  @BeforeAll
  static void pki() throws IOException {
    pki = TestPki.create(dir.resolve("pki"));
    other = TestPki.create(dir.resolve("other"));
  }

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures();
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private RawPluginServer server(Path clientCa) throws IOException {
    return fx.own(RawPluginServer.tls(
        TlsContexts.server(pki.serverCert(), pki.serverKey(), clientCa),
        Responder.always(Fixtures.ok("{\"Implements\":[\"VolumeDriver\"]}"))));
  }

  private PluginClient client(RawPluginServer s, TlsSettings tls) {
    return fx.client(PluginAddress.parse(s.url(), tls), Fixtures.FAST);
  }

  @Test
  void verifiesTheServerAgainstTheCaAndSendsTheHostName() throws Exception {
    RawPluginServer s = server(null);
    PluginClient c = client(s, new TlsSettings(pki.caCert(), null, null, false));
    assertThat(c.call("Plugin.Activate", null, JsonNode.class).get("Implements").get(0).asText())
        .isEqualTo("VolumeDriver");
    c.call("Plugin.Activate", null, JsonNode.class);
    assertThat(s.connectionCount()).isEqualTo(1);
    assertThat(s.requests().get(0).header("Host")).contains("localhost:" + s.port());
  }

  @Test
  void presentsTheClientCertificateWhenTheServerRequiresOne() throws Exception {
    RawPluginServer s = server(pki.caCert());
    PluginClient c = client(s,
        new TlsSettings(pki.caCert(), pki.clientCert(), pki.clientKey(), false));
    c.call("Plugin.Activate", null, JsonNode.class);
    assertThat(s.requests()).hasSize(1);
  }

  @Test
  void failsWithoutAClientCertificateWhenTheServerRequiresOne() throws Exception {
    RawPluginServer s = server(pki.caCert());
    PluginClient c = client(s, new TlsSettings(pki.caCert(), null, null, false));
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> c.call("Plugin.Activate", null, JsonNode.class));
    // TLS 1.3 rejects a missing client certificate after the client's side of the handshake is
    // done: the client sees the server's alert (TLS_INVALID) or, when the server's close resets
    // the connection first, a lost connection. Either way nothing reached the plugin.
    assertThat(e.code()).isIn(ErrorCode.TLS_INVALID, ErrorCode.CONNECTION_LOST);
    assertThat(e.getMessage()).startsWith("plugin test-plugin: Plugin.Activate: ");
    assertThat(s.requests()).isEmpty();
  }

  @Test
  void rejectsAServerCertificateFromAnotherCa() throws Exception {
    RawPluginServer s = server(null);
    PluginClient c = client(s, new TlsSettings(other.caCert(), null, null, false));
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> c.call("Plugin.Activate", null, JsonNode.class));
    assertThat(e.code()).isEqualTo(ErrorCode.TLS_INVALID);
    assertThat(e.getMessage()).contains("TLS handshake with https://localhost:" + s.port());
  }

  @Test
  void insecureSkipVerifyAcceptsAnyServerCertificate() throws Exception {
    RawPluginServer s = server(null);
    PluginClient c = client(s, new TlsSettings(other.caCert(), null, null, true));
    c.call("Plugin.Activate", null, JsonNode.class);
  }

  @Test
  void badCaFileFailsTheCallNamingTheFile() throws Exception {
    RawPluginServer s = server(null);
    Path missing = dir.resolve("nope.pem");
    PluginClient c = client(s, new TlsSettings(missing, null, null, false));
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> c.call("Plugin.Activate", null, JsonNode.class));
    assertThat(e.code()).isEqualTo(ErrorCode.TLS_INVALID);
    assertThat(e.getMessage()).contains(missing.toString());
  }
}
