package dev.hangar.internal.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlainHttpGetTest {
  final ScriptedHttpServer server;
  final List<URI> handedOver = new ArrayList<>();

  PlainHttpGetTest() throws IOException {
    server = new ScriptedHttpServer();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  ResourceResponse get(ResourceRequest r) throws IOException {
    return PlainHttpGet.download(r, Duration.ofSeconds(10), Duration.ofSeconds(10), req -> {
      handedOver.add(req.uri());
      return ResourceResponse.of(new ByteArrayInputStream("tls".getBytes(StandardCharsets.UTF_8)),
          3);
    });
  }

  String body(ResourceRequest r) throws IOException {
    try (ResourceResponse resp = get(r)) {
      return new String(resp.body().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aFixedLengthBodyIsReadAndTheRequestNamesHostRangeAndClose() throws IOException {
    server.reply("HTTP/1.1 206 Partial Content\r\nContent-Length: 5\r\nETag: \"e\"\r\n"
        + "Last-Modified: Mon, 23 Nov 2026 01:00:00 GMT\r\nX-Two: a\r\nX-Two: b\r\n\r\nhello");
    URI uri = server.uri("/a/b%20c?q=1#frag");
    ResourceRequest req = new ResourceRequest(uri, Map.of("Accept", "*/*", "Host", "evil"),
        new ByteRange(10, 14));
    try (ResourceResponse r = get(req)) {
      assertThat(r.status()).isEqualTo(206);
      assertThat(r.contentLength()).isEqualTo(5);
      assertThat(r.headers()).containsEntry("x-two", "a");
      assertThat(r.expireInfo().etag()).isEqualTo("\"e\"");
      assertThat(r.expireInfo().lastModified()).isEqualTo("Mon, 23 Nov 2026 01:00:00 GMT");
      assertThat(new String(r.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }
    String head = server.requests.get(0);
    assertThat(head).startsWith("GET /a/b%20c?q=1 HTTP/1.1\r\n")
        .contains("\r\nHost: 127.0.0.1:" + uri.getPort() + "\r\n")
        .contains("\r\nRange: bytes=10-14\r\n").contains("\r\nAccept: */*\r\n")
        .contains("\r\nConnection: close\r\n").doesNotContain("evil").endsWith("\r\n\r\n");
  }

  @Test
  void aChunkedBodyIsDecodedWithExtensionsAndTrailers() throws IOException {
    server.reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n"
        + "5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n");
    try (ResourceResponse r = get(ResourceRequest.of(server.uri("/c")))) {
      assertThat(r.contentLength()).isEqualTo(-1);
      assertThat(r.headers()).doesNotContainKey("content-length");
      assertThat(new String(r.body().readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo("hello 0123456789");
    }
  }

  @Test
  void aBadChunkSizeIsAProtocolError() throws IOException {
    server.reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
    try (ResourceResponse r = get(ResourceRequest.of(server.uri("/c")))) {
      assertThatThrownBy(() -> r.body().readAllBytes()).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("bad chunk size").hasMessageContaining("'zz'");
    }
  }

  @Test
  void aBodyWithoutLengthRunsUntilTheServerCloses() throws IOException {
    server.reply("HTTP/1.0 200 OK\r\n\r\nall of it");
    assertThat(body(ResourceRequest.of(server.uri("/u")))).isEqualTo("all of it");
  }

  @Test
  void aBodyShorterThanItsLengthIsAnEndOfFileError() throws IOException {
    server.reply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
    try (ResourceResponse r = get(ResourceRequest.of(server.uri("/s")))) {
      assertThatThrownBy(() -> r.body().readAllBytes()).isInstanceOf(EOFException.class)
          .hasMessageContaining("after 9 bytes").hasMessageContaining("91 bytes short");
    }
  }

  @Test
  void interimResponsesAreSkipped() throws IOException {
    server.reply("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    assertThat(body(ResourceRequest.of(server.uri("/i")))).isEqualTo("ok");
  }

  @Test
  void redirectsAreFollowedRelativeAndAbsolute() throws IOException {
    server.reply("HTTP/1.1 301 Moved\r\nLocation: /second\r\nContent-Length: 0\r\n\r\n")
        .reply("HTTP/1.1 307 Again\r\nLocation: " + server.uri("/third") + "\r\n\r\n")
        .reply("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nhere");
    assertThat(body(new ResourceRequest(server.uri("/first"), Map.of(), ByteRange.from(0))))
        .isEqualTo("here");
    assertThat(server.requests).extracting(h -> h.lines().findFirst().orElseThrow())
        .containsExactly("GET /first HTTP/1.1", "GET /second HTTP/1.1", "GET /third HTTP/1.1");
    assertThat(server.requests).allMatch(h -> h.contains("\r\nRange: bytes=0-\r\n"));
  }

  @Test
  void moreRedirectsThanTheLimitFail() {
    for (int i = 0; i <= PlainHttpGet.MAX_REDIRECTS; i++) {
      server.reply("HTTP/1.1 302 Found\r\nLocation: /loop" + i + "\r\n\r\n");
    }
    assertThatThrownBy(() -> get(ResourceRequest.of(server.uri("/loop"))))
        .isInstanceOf(IOException.class).hasMessageContaining("too many redirects");
    assertThat(server.requests).hasSize(PlainHttpGet.MAX_REDIRECTS + 1);
  }

  @Test
  void aRedirectToHttpsIsHandedToTheTlsClient() throws IOException {
    server.reply("HTTP/1.1 302 Found\r\nLocation: https://example.invalid/x\r\n\r\n");
    assertThat(body(ResourceRequest.of(server.uri("/r")))).isEqualTo("tls");
    assertThat(handedOver).containsExactly(URI.create("https://example.invalid/x"));
  }

  @Test
  void notFoundAndGoneThrowFileNotFound() {
    server.reply("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        .reply("HTTP/1.1 410 Gone\r\n\r\n");
    assertThatThrownBy(() -> get(ResourceRequest.of(server.uri("/n"))))
        .isInstanceOf(FileNotFoundException.class).hasMessageContaining("/n: HTTP 404");
    assertThatThrownBy(() -> get(ResourceRequest.of(server.uri("/g"))))
        .isInstanceOf(FileNotFoundException.class).hasMessageContaining("HTTP 410");
  }

  @Test
  void otherStatusesAreReturned() throws IOException {
    server.reply("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Length: 0\r\n\r\n");
    try (ResourceResponse r = get(ResourceRequest.of(server.uri("/o")))) {
      assertThat(r.status()).isEqualTo(416);
      assertThat(r.body().read()).isEqualTo(-1);
    }
  }

  @Test
  void aMalformedStatusLineIsAProtocolError() {
    server.reply("HTTP/1.1 2x0 OK\r\n\r\n").reply("SSH-2.0-OpenSSH\r\n\r\n");
    assertThatThrownBy(() -> get(ResourceRequest.of(server.uri("/m"))))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("malformed status line");
    assertThatThrownBy(() -> get(ResourceRequest.of(server.uri("/m"))))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("'SSH-2.0-OpenSSH'");
  }

  @Test
  void aHeadLargerThanTheLimitIsRefused() {
    StringBuilder b = new StringBuilder("HTTP/1.1 200 OK\r\n");
    while (b.length() <= ResponseHead.MAX_HEAD_BYTES) {
      b.append("X-Filler: ").append("f".repeat(1000)).append("\r\n");
    }
    server.reply(b.append("\r\n").toString());
    assertThatThrownBy(() -> get(ResourceRequest.of(server.uri("/big"))))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("too large");
  }

  @Test
  void conflictingContentLengthsAreRefused() {
    server.reply("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
    assertThatThrownBy(() -> get(ResourceRequest.of(server.uri("/cl"))))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("Content-Length");
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    server.silence();
    assertThatThrownBy(() -> PlainHttpGet.download(ResourceRequest.of(server.uri("/q")),
        Duration.ofSeconds(10), Duration.ofMillis(200), r -> null))
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("no data from 127.0.0.1:");
  }

  @Test
  void headerValuesThatWouldSplitTheRequestAreRefused() {
    ResourceRequest evil = new ResourceRequest(server.uri("/h"),
        Map.of("X-A", "v\r\nInjected: 1"), null);
    assertThatThrownBy(() -> get(evil)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-A");
    assertThat(server.requests).isEmpty();
  }
}
