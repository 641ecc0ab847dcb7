package dev.hangar.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryRequestTest {
  private static final String BLOB =
      "2d5f59c864df5db7e04f7055a1cd75f168b3bddb80384da578f70455ebd025e5";

  @Test
  void aResponseCompletedLineGivesMethodUriClientAndStatus() {
    String line = "time=\"2026-12-02T13:57:59.054270682Z\" level=info msg=\"response completed\""
        + " go.version=go1.19.8 http.request.host=\"10.77.0.1:45207\" http.request.id=01c1"
        + " http.request.method=GET http.request.remoteaddr=\"10.77.0.2:50120\""
        + " http.request.uri=\"/v2/team/mem/blobs/sha256:" + BLOB + "\""
        + " http.request.useragent=Go-http-client/1.1 http.response.status=200";

    RegistryRequest r = RegistryRequest.parse(line).orElseThrow();

    assertThat(r).isEqualTo(new RegistryRequest("GET", "/v2/team/mem/blobs/sha256:" + BLOB,
        "10.77.0.2", 200));
    assertThat(r.getsBlob(BLOB)).isTrue();
    assertThat(r.getsBlob("00" + BLOB.substring(2))).isFalse();
  }

  @Test
  void anUnquotedUriAndAnErrorLineAreReadToo() {
    String line = "time=\"t\" level=error msg=\"response completed with error\" err.code=\"blob"
        + " unknown\" http.request.method=HEAD http.request.remoteaddr=127.0.0.1:4000"
        + " http.request.uri=/v2/ http.response.status=404";

    assertThat(RegistryRequest.parse(line)).contains(new RegistryRequest("HEAD", "/v2/",
        "127.0.0.1", 404));
  }

  @Test
  void otherLinesAreNoRequest() {
    assertThat(RegistryRequest.parse("10.77.0.2 - - [02/Dec/2026:13:57:59 +0000] \"GET /v2/"
        + " HTTP/1.1\" 200 2 \"\" \"Go-http-client/1.1\"")).isEmpty();
    assertThat(RegistryRequest.parse("time=\"t\" level=info msg=\"listening on"
        + " 10.77.0.2:5000\"")).isEmpty();
  }
}
