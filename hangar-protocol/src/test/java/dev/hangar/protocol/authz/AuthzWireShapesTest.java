package dev.hangar.protocol.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hangar.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of the authz records, as Docker's daemon and SDK write them. */
class AuthzWireShapesTest {
  private static final String PEM =
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  private static String json(Object o) throws JsonProcessingException {
    return Json.MAPPER.writeValueAsString(o);
  }

  @Test
  void emptyRequestIsAnEmptyObject() throws JsonProcessingException {
    assertThat(json(new AuthzRequest(null, null, null, null, null, null, null, 0, null, null)))
        .isEqualTo("{}");
  }

  @Test
  void requestPhaseCarriesBodyAsBase64() throws JsonProcessingException {
    AuthzRequest r = AuthzRequest.ofRequest("POST", "/v1.47/containers/create?name=x",
        Map.of("Content-Type", "application/json"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

    assertThat(json(r)).isEqualTo("{\"RequestMethod\":\"POST\","
        + "\"RequestUri\":\"/v1.47/containers/create?name=x\",\"RequestBody\":\"eyJhIjoxfQ==\","
        + "\"RequestHeaders\":{\"Content-Type\":\"application/json\"}}");
  }

  @Test
  void responsePhaseAddsStatusBodyAndHeaders() throws JsonProcessingException {
    AuthzRequest r = AuthzRequest.ofRequest("GET", "/_ping", null, null)
        .withResponse(200, Map.of("Api-Version", "1.47"), "OK".getBytes(StandardCharsets.UTF_8));

    assertThat(json(r)).isEqualTo("{\"RequestMethod\":\"GET\",\"RequestUri\":\"/_ping\","
        + "\"ResponseStatusCode\":200,\"ResponseBody\":\"T0s=\","
        + "\"ResponseHeaders\":{\"Api-Version\":\"1.47\"}}");
  }

  @Test
  void peerCertificatesAreBase64OfPemText() throws JsonProcessingException {
    byte[] pem = PEM.getBytes(StandardCharsets.US_ASCII);
    AuthzRequest r = new AuthzRequest("alice", "TLS", "GET", "/info", null, null, List.of(pem), 0,
        null, null);
    String b64 = Base64.getEncoder().encodeToString(pem);

    assertThat(json(r)).isEqualTo("{\"User\":\"alice\",\"UserAuthNMethod\":\"TLS\","
        + "\"RequestMethod\":\"GET\",\"RequestUri\":\"/info\","
        + "\"RequestPeerCertificates\":[\"" + b64 + "\"]}");
    AuthzRequest back = Json.MAPPER.readValue(json(r), AuthzRequest.class);
    assertThat(new String(back.requestPeerCertificates().get(0), StandardCharsets.US_ASCII))
        .isEqualTo(PEM);
  }

  @Test
  void decodesWhatDockerSends() throws JsonProcessingException {
    String sent = "{\"User\":\"cn\",\"UserAuthNMethod\":\"TLS\",\"RequestMethod\":\"POST\","
        + "\"RequestUri\":\"/v1.47/containers/create\",\"RequestBody\":\"eyJhIjoxfQ==\","
        + "\"RequestHeaders\":{\"User-Agent\":\"x\"}}\n";

    AuthzRequest r = Json.MAPPER.readValue(sent, AuthzRequest.class);

    assertThat(new String(r.requestBody(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(r.requestHeaders()).containsEntry("User-Agent", "x");
    assertThat(r.responseStatusCode()).isZero();
    assertThat(r.responseBody()).isEmpty();
  }

  @Test
  void responseAlwaysCarriesAllowAndLeavesOutEmptyTexts() throws JsonProcessingException {
    assertThat(json(AuthzResponse.allowed())).isEqualTo("{\"Allow\":true}");
    assertThat(json(AuthzResponse.denied("no"))).isEqualTo("{\"Allow\":false,\"Msg\":\"no\"}");
    assertThat(json(new AuthzResponse(false, "", "boom")))
        .isEqualTo("{\"Allow\":false,\"Err\":\"boom\"}");
    assertThat(Json.MAPPER.readValue("{\"allow\":true}", AuthzResponse.class))
        .isEqualTo(AuthzResponse.allowed());
  }
}
