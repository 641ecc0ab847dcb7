package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

  private static Optional<JsonNode> read(String type, String body, boolean chunked)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return JsonBody.read(type, chunked ? -1 : b.length, new ByteArrayInputStream(b), 1000);
  }

  @Test
  void aJsonBodyNeedsTheJsonContentType() throws IOException {
    assertThat(read("application/json", "[\"DEBUG=1\"]", false)).get()
        .hasToString("[\"DEBUG=1\"]");
    assertThat(read("Application/JSON; charset=utf-8", "null", false)).get()
        .matches(JsonNode::isNull);
    assertThatThrownBy(() -> read("text/plain", "[]", false))
        .hasMessage("unsupported Content-Type header (text/plain): must be 'application/json'");
    assertThatThrownBy(() -> read("", "[]", false))
        .hasMessage("malformed Content-Type header (): mime: no media type");
    assertThatThrownBy(() -> read("json", "[]", false))
        .hasMessage("malformed Content-Type header (json): mime: expected slash after first"
            + " token");
  }

  @Test
  void aDeclaredEmptyBodyIsNothingWhateverItsType() throws IOException {
    assertThat(read("", "", false)).isEmpty();
    assertThat(read("application/json", "", false)).isEmpty();
    assertThatThrownBy(() -> read("text/plain", "", false))
        .hasMessageStartingWith("unsupported Content-Type header");
  }

  @Test
  void aChunkedEmptyBodyIsEof() {
    assertThatThrownBy(() -> read("application/json", "", true))
        .hasMessage("invalid JSON: got EOF while reading request body");
    assertThatThrownBy(() -> read("application/json", " \n", true))
        .hasMessage("invalid JSON: got EOF while reading request body");
  }

  @Test
  void aByteOrderMarkIsRefusedAsGoRefusesIt() {
    assertThatThrownBy(() -> read("application/json", "\ufeff  ", false))
        .hasMessage("invalid JSON: invalid character '\u00ef' looking for beginning of value");
    assertThatThrownBy(() -> read("application/json", "\ufeff[\"a\"]", false))
        .hasMessage("invalid JSON: invalid character '\u00ef' looking for beginning of value");
  }

  @Test
  void trailingContentIsRefusedExceptWhatGoDoesNotNotice() throws IOException {
    assertThatThrownBy(() -> read("application/json", "[\"a\"] [\"b\"]", false))
        .hasMessage("unexpected content after JSON");
    assertThatThrownBy(() -> read("application/json", "1 2", false))
        .hasMessage("unexpected content after JSON");
    assertThat(read("application/json", "[\"a\"]\n", false)).isPresent();
    assertThat(read("application/json", "[\"a\"]]", false)).isPresent();
  }

  @Test
  void badJsonAndTooLargeBodiesAreUsageErrors() {
    assertThatThrownBy(() -> read("application/json", "[\"a\"", false))
        .hasMessageStartingWith("invalid JSON: ");
    assertThatThrownBy(() -> read("application/json", "[\"" + "x".repeat(1000) + "\"]", false))
        .hasMessage("request body is larger than the limit of 1000 bytes");
  }
}
