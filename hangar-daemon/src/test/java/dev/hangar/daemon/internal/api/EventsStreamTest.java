package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.daemon.RawHttp;
import dev.hangar.daemon.internal.server.ApiServer;
import dev.hangar.daemon.internal.server.HostAddress;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.protocol.internal.tls.TlsContexts;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.TestPki;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /events} over a real socket, fed by the hub directly (no manager needed). */
@Timeout(30)
class EventsStreamTest {
  private ShortTempDir tmp;
  private EventHub hub;
  private ApiServer server;
  private Path socket;

  @BeforeEach
  void start() {
    tmp = new ShortTempDir();
    socket = tmp.resolve("e.sock");
    hub = new EventHub();
    ApiHandler handler = new ApiHandler(new Endpoints(null, null, new EventsEndpoint(hub), null,
        null, null), "Hangar/test (linux)");
    server = ApiServer.start(handler, List.of(new HostAddress.Unix(socket)), Optional.empty());
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
    server.stop();
    tmp.close();
  }

  private static EventMessage event(String action, String name, Instant at) {
    return new EventMessage(action, "id-" + name, Map.of("name", name, "kind", "managed"),
        EventHub.nanos(at));
  }

  private static String text(Optional<byte[]> chunk) {
    return new String(chunk.orElseThrow(), StandardCharsets.UTF_8);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void liveEventsArriveOneChunkEachAsTheyHappen() throws Exception {
    try (RawHttp c = RawHttp.unix(socket)) {
      c.sendHead("GET", "/v1.41/events?filters=%7B%22type%22%3A%5B%22plugin%22%5D%7D", Map.of(),
          null);
      RawHttp.Response head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Type")).contains("application/json");
      await(() -> hub.listeners() == 1, "the stream subscribed");
      hub.publish(event("create", "a", Instant.now()));
      assertThat(text(c.nextChunk())).startsWith("{\"status\":\"create\",\"id\":\"id-a\"")
          .endsWith("}\n");
      hub.publish(event("enable", "a", Instant.now()));
      assertThat(text(c.nextChunk())).contains("\"Action\":\"enable\"");
    }
  }

  @Test
  void sinceAndUntilReplayTheKeptEventsInRangeThenEnd() throws Exception {
    Instant now = Instant.now();
    hub.publish(event("create", "old", now.minusSeconds(30)));
    hub.publish(event("create", "a", now.minusSeconds(20)));
    hub.publish(event("enable", "a", now.minusSeconds(10)));
    hub.publish(event("enable", "b", now.minusSeconds(5)));
    try (RawHttp c = RawHttp.unix(socket)) {
      long since = now.minusSeconds(25).getEpochSecond();
      long until = now.minusSeconds(1).getEpochSecond();
      RawHttp.Response all = c.get("/events?since=" + since + ".000000000&until=" + until);
      assertThat(all.text().lines()).hasSize(3).allMatch(l -> !l.contains("\"old\""));
      RawHttp.Response filtered = c.get("/events?since=0&until=" + until
          + "&filters=%7B%22event%22%3A%5B%22enable%22%5D%2C%22plugin%22%3A%5B%22a%22%5D%7D");
      assertThat(filtered.text().lines()).singleElement().asString()
          .contains("\"Action\":\"enable\"").contains("\"name\":\"a\"");
      assertThat(c.get("/events?since=0&until=" + until
          + "&filters=%7B%22type%22%3A%5B%22container%22%5D%7D").body()).isEmpty();
    }
  }

  @Test
  void theStreamEndsWhenTheDaemonCloses() throws Exception {
    try (RawHttp c = RawHttp.unix(socket)) {
      c.sendHead("GET", "/events", Map.of(), null);
      assertThat(c.readHead().status()).isEqualTo(200);
      await(() -> hub.listeners() == 1, "the stream subscribed");
      hub.close();
      assertThat(c.nextChunk()).isEmpty();
    }
  }

  @Test
  void aFutureUntilEndsTheStreamThen() throws Exception {
    try (RawHttp c = RawHttp.unix(socket)) {
      Instant until = Instant.now().plusMillis(300);
      c.sendHead("GET", "/events?until=" + until.getEpochSecond() + "."
          + String.format("%09d", until.getNano()), Map.of(), null);
      assertThat(c.readHead().status()).isEqualTo(200);
      assertThat(c.nextChunk()).isEmpty();
    }
  }

  @Test
  void aTlsClientThatGoesAwayIsNoticedToo() throws Exception {
    TestPki pki = TestPki.create(tmp.resolve("pki"));
    ApiHandler handler = new ApiHandler(new Endpoints(null, null, new EventsEndpoint(hub), null,
        null, null), "Hangar/test (linux)");
    ApiServer tls = ApiServer.start(handler, List.of(new HostAddress.Tcp("127.0.0.1", 0)),
        Optional.of(TlsContexts.server(pki.serverCert(), pki.serverKey(), pki.caCert())));
    try {
      SSLContext client = TlsContexts.client(new TlsSettings(pki.caCert(), pki.clientCert(),
          pki.clientKey(), false));
      Socket s = client.getSocketFactory().createSocket("127.0.0.1",
          tls.listening().get(0).getPort());
      RawHttp c = RawHttp.over(s);
      c.sendHead("GET", "/events", Map.of(), null);
      assertThat(c.readHead().status()).isEqualTo(200);
      await(() -> hub.listeners() == 1, "the stream subscribed");
      c.close();
      await(() -> hub.listeners() == 0, "the stream noticed its client left");
    } finally {
      tls.stop();
    }
  }

  @Test
  void aClientThatGoesAwayIsNoticedWithoutAnEvent() throws Exception {
    RawHttp c = RawHttp.unix(socket);
    c.sendHead("GET", "/events", Map.of(), null);
    assertThat(c.readHead().status()).isEqualTo(200);
    await(() -> hub.listeners() == 1, "the stream subscribed");
    c.close();
    await(() -> hub.listeners() == 0, "the stream noticed its client left");
  }
}
