package dev.hangar.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.api.resource.ExpireInfo;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import dev.hangar.internal.resource.HttpResourceClient;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.protocol.internal.tls.TlsContexts;
import dev.hangar.testkit.TestPki;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in client's https path (the JDK HttpClient) against a real TLS server. */
class HttpsDownloadTest {
  @TempDir static Path dir;
  static TestPki pki;

  @BeforeAll
  static void pki() throws IOException {
    pki = TestPki.create(dir);
  }

  private static TestHttpServer server() throws IOException {
    return new TestHttpServer(TlsContexts.server(pki.serverCert(), pki.serverKey(), null));
  }

  private static HttpResourceClient trustingTheTestCa() {
    return new HttpResourceClient(
        TlsContexts.client(new TlsSettings(pki.caCert(), null, null, false)));
  }

  @Test
  void downloadsWholeAndRangedBodiesWithMetadataOverHttps() throws Exception {
    byte[] body = new byte[70_000];
    new Random(3).nextBytes(body);
    try (TestHttpServer server = server()) {
      server.serve("/f", body);
      ResourceRequest req = ResourceRequest.of(server.uri("/f"));
      HttpResourceClient c = trustingTheTestCa();
      assertThat(req.uri().getScheme()).isEqualTo("https");
      assertThat(c.contentLength(req)).isEqualTo(body.length);
      assertThat(c.supportsRange(req)).isTrue();
      assertThat(c.isExpired(req, new ExpireInfo(null, "\"v1\""))).isFalse();
      try (ResourceResponse r = c.download(req)) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().readAllBytes()).isEqualTo(body);
        assertThat(r.expireInfo().etag()).isEqualTo("\"v1\"");
      }
      try (ResourceResponse r = c.download(req.withRange(new ByteRange(100, 199)))) {
        assertThat(r.status()).isEqualTo(206);
        byte[] part = r.body().readAllBytes();
        assertThat(part).hasSize(100);
        assertThat(part[0]).isEqualTo(body[100]);
        assertThat(part[99]).isEqualTo(body[199]);
      }
      assertThatThrownBy(() -> c.download(ResourceRequest.of(server.uri("/none"))))
          .isInstanceOf(FileNotFoundException.class);
    }
  }

  @Test
  void aServerCertificateTheClientDoesNotTrustIsRefused() throws Exception {
    try (TestHttpServer server = server()) {
      server.serve("/f", new byte[10]);
      ResourceRequest req = ResourceRequest.of(server.uri("/f"));
      assertThatThrownBy(() -> new HttpResourceClient().download(req))
          .isInstanceOf(SSLException.class);
    }
  }
}
