package dev.hangar.protocol.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.testkit.Fifos;
import dev.hangar.testkit.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {
  @TempDir static Path dir;
  static TestPki pki;
  static TestPki other;

  @BeforeAll
  static void pki() throws IOException {
    pki = TestPki.create(dir.resolve("pki"));
    other = TestPki.create(dir.resolve("other"));
  }

  /** Runs one handshake between a server context and a client context; returns the peer CN. */
  private static String handshake(SSLContext server, SSLContext client, String host)
      throws Exception {
    try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
        try (SSLSocket s = (SSLSocket) ss.accept()) {
          s.startHandshake();
          s.getOutputStream().write(42);
          s.getOutputStream().flush();
          s.getInputStream().read();
        } catch (IOException e) {
          // the client sees the failure too
        }
      });
      try (SSLSocket s =
          (SSLSocket) client.getSocketFactory().createSocket(host, ss.getLocalPort())) {
        s.startHandshake();
        assertThat(s.getInputStream().read()).isEqualTo(42);
        assertThat(s.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        return s.getSession().getPeerPrincipal().getName();
      } finally {
        accepted.join();
      }
    }
  }

  @Test
  void clientVerifiesServerAgainstTheCaFile() throws Exception {
    SSLContext server = TlsContexts.server(pki.serverCert(), pki.serverKey(), null);
    SSLContext client = TlsContexts.client(new TlsSettings(pki.caCert(), null, null, false));
    assertThat(handshake(server, client, "localhost")).isEqualTo("CN=localhost");
    assertThat(handshake(server, client, "127.0.0.1")).isEqualTo("CN=localhost");
  }

  @Test
  void serverRequiringClientCertificateAcceptsOneFromItsCa() throws Exception {
    SSLContext server = TlsContexts.server(pki.serverCert(), pki.serverKey(), pki.caCert());
    SSLContext client = TlsContexts.client(
        new TlsSettings(pki.caCert(), pki.clientCert(), pki.clientKey(), false));
    assertThat(handshake(server, client, "localhost")).isEqualTo("CN=localhost");
  }

  @Test
  void serverRequiringClientCertificateRejectsClientWithout() {
    SSLContext server = TlsContexts.server(pki.serverCert(), pki.serverKey(), pki.caCert());
    SSLContext client = TlsContexts.client(new TlsSettings(pki.caCert(), null, null, false));
    assertThatThrownBy(() -> handshake(server, client, "localhost"))
        .isInstanceOf(IOException.class);
    assertThat(server.getDefaultSSLParameters().getNeedClientAuth()).isTrue();
  }

  @Test
  void serverCertificateFromAnotherCaIsRejected() {
    SSLContext server = TlsContexts.server(pki.serverCert(), pki.serverKey(), null);
    SSLContext client = TlsContexts.client(new TlsSettings(other.caCert(), null, null, false));
    assertThatThrownBy(() -> handshake(server, client, "localhost"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void systemTrustStoreRejectsTestCa() {
    SSLContext server = TlsContexts.server(pki.serverCert(), pki.serverKey(), null);
    SSLContext client = TlsContexts.client(TlsSettings.SYSTEM);
    assertThatThrownBy(() -> handshake(server, client, "localhost"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void insecureSkipVerifyAcceptsAnyCertificate() throws Exception {
    SSLContext server = TlsContexts.server(other.serverCert(), other.serverKey(), null);
    SSLContext client = TlsContexts.client(new TlsSettings(pki.caCert(), null, null, true));
    assertThat(handshake(server, client, "localhost")).isEqualTo("CN=localhost");
  }

  @Test
  void readsPkcs1Pkcs8AndSec1Keys() throws IOException {
    assertThat(Files.readString(pki.clientKey())).contains("BEGIN RSA PRIVATE KEY");
    assertThat(Pem.readPrivateKey(pki.clientKey()).getAlgorithm()).isEqualTo("RSA");
    assertThat(Files.readString(pki.serverKey())).contains("BEGIN PRIVATE KEY");
    assertThat(Pem.readPrivateKey(pki.serverKey()).getAlgorithm()).isEqualTo("EC");
    TestPki.openssl(pki.dir(), "ec", "-in", "server.key", "-out", "server-sec1.key");
    Path sec1 = pki.dir().resolve("server-sec1.key");
    assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
    assertThat(((ECPrivateKey) Pem.readPrivateKey(sec1)).getS())
        .isEqualTo(((ECPrivateKey) Pem.readPrivateKey(pki.serverKey())).getS());
    TlsContexts.server(pki.serverCert(), sec1, null);
  }

  @Test
  void badFilesAreTlsInvalidNamingTheFile() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello");
    Path missing = dir.resolve("missing.pem");
    for (Path bad : new Path[] {garbage, missing}) {
      assertThatThrownBy(() -> TlsContexts.client(new TlsSettings(bad, null, null, false)))
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TLS_INVALID))
          .hasMessageContaining(bad.toString());
    }
    assertThatThrownBy(() -> TlsContexts.server(pki.serverCert(), garbage, null))
        .hasMessageContaining(garbage.toString());
    assertThatThrownBy(() -> TlsContexts.server(pki.serverCert(), pki.caCert(), null))
        .hasMessageContaining("no PEM private key");
  }

  @Test
  void keyNotMatchingTheCertificateIsRejected() {
    assertThatThrownBy(() -> TlsContexts.server(pki.serverCert(), other.serverKey(), null))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TLS_INVALID))
        .hasMessageContaining("does not belong");
    assertThatThrownBy(() -> TlsContexts.client(
        new TlsSettings(null, pki.clientCert(), pki.serverKey(), false)))
        .hasMessageContaining("does not belong");
  }

  @Test
  void encryptedKeysAreRejectedAsSuch() throws IOException {
    TestPki.openssl(pki.dir(), "pkcs8", "-topk8", "-in", "server.key", "-out", "enc8.key",
        "-passout", "pass:secret");
    TestPki.openssl(pki.dir(), "rsa", "-in", "client.key", "-traditional", "-aes128",
        "-out", "enc1.key", "-passout", "pass:secret");
    for (String name : new String[] {"enc8.key", "enc1.key"}) {
      Path key = pki.dir().resolve(name);
      assertThatThrownBy(() -> Pem.readPrivateKey(key))
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TLS_INVALID))
          .hasMessageContaining(key.toString()).hasMessageContaining("encrypted");
    }
  }

  @Test
  void aFifoGivenAsACaFileIsTlsInvalidNotAHang() {
    Path fifo = Fifos.create(dir.resolve("ca.pem"));
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> TlsContexts.client(new TlsSettings(fifo, null, null, false))))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TLS_INVALID))
        .hasMessageContaining("is not a regular file");
  }
}
