package dev.hangar.daemon.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.managed.ManagedState;
import dev.hangar.managed.Privilege;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.protocol.internal.tls.TlsContexts;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.RecordedRequest;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.Responder;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EngineClient} against a raw HTTP server on a unix socket: bytes sent, replies read. */
class EngineClientTest {
  static final String PING = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nOstype: linux\r\n"
      + "Docker-Experimental: false\r\nContent-Type: text/plain; charset=utf-8\r\n"
      + "Content-Length: 2\r\n\r\nOK";

  private ShortTempDir dir;
  private Path socket;
  private RawPluginServer server;
  private EngineClient client;

  @BeforeEach
  void start() throws Exception {
    dir = new ShortTempDir();
    socket = dir.resolve("d.sock");
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    dir.close();
  }

  /** A reply with headers given as alternating names and values. */
  static Reply reply(int status, String body, String... headers) {
    StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      h.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    h.append("Content-Length: ").append(b.length).append("\r\n\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + b.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(b, 0, all, head.length, b.length);
    return Reply.raw(all);
  }

  /** Answers {@code /_ping} as a daemon of API 1.41, everything else with {@code other}. */
  static Responder daemon(Responder other) {
    return r -> r.target().equals("/_ping") ? Reply.raw(PING) : other.respond(r);
  }

  private void serve(Responder r) throws Exception {
    server = RawPluginServer.unix(socket, daemon(r));
    client = EngineClient.open(new DaemonAddress.Unix(socket, true), Optional.empty());
  }

  private RecordedRequest last() {
    List<RecordedRequest> all = server.requests();
    return all.get(all.size() - 1);
  }

  @Test
  void aRelayedCallsTimeoutGoesAsSecondsInTheQuery() throws Exception {
    serve(r -> reply(200, "{}", "Content-Type", "application/json"));
    client.call("vol", "VolumeDriver.List", new byte[0], Optional.of(Duration.ofMillis(1500)));
    client.callJar("hasher/sha", "hash", new byte[0], Optional.of(Duration.ofSeconds(30)));
    client.call("vol", "VolumeDriver.List", new byte[0]);

    assertThat(server.requests()).extracting(RecordedRequest::requestLine).containsExactly(
        "POST /hangar/v1/plugins/vol/call/VolumeDriver.List?timeout=1.5 HTTP/1.1",
        "POST /hangar/v1/plugins/hasher/sha/call/hash?kind=jar&timeout=30 HTTP/1.1",
        "POST /hangar/v1/plugins/vol/call/VolumeDriver.List HTTP/1.1");
    assertThat(EngineClient.seconds(Duration.ofNanos(1))).isEqualTo("0.000000001");
  }

  @Test
  void pingsOnceThenSendsEngineRoutesUnderTheVersionWithNamesUnescaped() throws Exception {
    serve(r -> reply(200, "{\"Id\":\"abc\",\"Name\":\"vieux/sshfs:latest\"}",
        "Content-Type", "application/json"));
    JsonNode p = client.inspect("vieux/sshfs:latest");
    client.inspect(" vieux/sshfs ");
    assertThat(p.get("Name").asText()).isEqualTo("vieux/sshfs:latest");
    List<RecordedRequest> rs = server.requests();
    assertThat(rs).extracting(RecordedRequest::requestLine).containsExactly(
        "GET /_ping HTTP/1.1",
        "GET /v1.41/plugins/vieux/sshfs:latest/json HTTP/1.1",
        "GET /v1.41/plugins/vieux/sshfs/json HTTP/1.1");
    assertThat(rs.get(1).headerNames()).containsExactly("Host", "User-Agent");
    assertThat(rs.get(1).header("Host")).contains("api.moby.localhost");
    assertThat(rs).extracting(RecordedRequest::connection).as("one kept-alive connection")
        .containsOnly(0);
  }

  @Test
  void queriesAreFormEscapedWithSortedKeysAndBodilessPostsSendALengthOfZero() throws Exception {
    serve(r -> reply(200, r.target().startsWith("/v1.41/plugins?") ? "[]" : "",
        "Content-Type", "application/json"));
    client.listPlugins(Map.of("enabled", List.of("true")));
    assertThat(last().target())
        .isEqualTo("/v1.41/plugins?filters=%7B%22enabled%22%3A%7B%22true%22%3Atrue%7D%7D");
    client.enable("x", 30);
    assertThat(last().requestLine()).isEqualTo("POST /v1.41/plugins/x/enable?timeout=30 HTTP/1.1");
    assertThat(last().header("Content-Length")).contains("0");
    client.disable("x:latest", true);
    assertThat(last().target()).isEqualTo("/v1.41/plugins/x:latest/disable?force=1");
    client.disable("x", false);
    assertThat(last().target()).isEqualTo("/v1.41/plugins/x/disable");
    client.remove("a/b:1", true);
    assertThat(last().requestLine()).isEqualTo("DELETE /v1.41/plugins/a/b:1?force=1 HTTP/1.1");
    client.logs("p q", OptionalInt.of(10), Optional.of("1700000000.5"), false, l -> { });
    assertThat(last().target())
        .isEqualTo("/hangar/v1/plugins/p%20q/logs?since=1700000000.5&tail=10");
  }

  @Test
  void setSendsItsArgumentsAsAJsonArray() throws Exception {
    serve(r -> reply(204, ""));
    client.set("x", List.of("DEBUG=1", "args=a b"));
    RecordedRequest r = last();
    assertThat(r.requestLine()).isEqualTo("POST /v1.41/plugins/x/set HTTP/1.1");
    assertThat(r.headerNames()).containsExactly("Host", "User-Agent", "Content-Length",
        "Content-Type");
    assertThat(r.header("Content-Type")).contains("application/json");
    assertThat(r.bodyText()).isEqualTo("[\"DEBUG=1\",\"args=a b\"]");
  }

  @Test
  void createStreamsTheTarChunkedAsAnXTar() throws Exception {
    serve(r -> reply(204, ""));
    byte[] tar = new byte[300_000];
    new Random(7).nextBytes(tar);
    client.create("vieux/sshfs:latest", new ByteArrayInputStream(tar));
    RecordedRequest r = last();
    assertThat(r.requestLine())
        .isEqualTo("POST /v1.41/plugins/create?name=vieux%2Fsshfs%3Alatest HTTP/1.1");
    assertThat(r.chunked()).isTrue();
    assertThat(r.header("Content-Type")).contains("application/x-tar");
    assertThat(r.body()).isEqualTo(tar);
  }

  @Test
  void anUploadTheDaemonRefusesEarlyFailsWithTheDaemonsError() throws Exception {
    serve(r -> reply(409, "{\"message\":\"plugin p:latest already exists\"}",
        "Content-Type", "application/json", "Hangar-Error-Code", "PLUGIN_EXISTS"));
    server.replyBeforeBody();
    client.ping();
    byte[] tar = new byte[16 << 20];
    assertError(() -> client.create("p", new ByteArrayInputStream(tar)), ErrorCode.PLUGIN_EXISTS,
        "plugin p:latest already exists");
  }

  @Test
  void aFailingBodySourceIsAnIoErrorNotTheDaemons() throws Exception {
    serve(r -> reply(204, ""));
    assertThatThrownBy(() -> client.create("p", out -> {
      out.write(new byte[100]);
      throw new java.io.IOException("disk gone");
    })).isInstanceOfSatisfying(HangarException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR)).hasMessageContaining("disk gone");
  }

  @Test
  void chunkedAndContentLengthRepliesReadAlike() throws Exception {
    serve(r -> r.target().endsWith("/a/json")
        ? Reply.chunked(200, "{\"Name\":", "\"a:latest\",", "\"Enabled\":true}")
        : reply(200, "{\"Name\":\"b:latest\",\"Enabled\":true}"));
    assertThat(client.inspect("a").get("Name").asText()).isEqualTo("a:latest");
    assertThat(client.inspect("b").get("Name").asText()).isEqualTo("b:latest");
    assertThat(client.inspect("a").get("Enabled").asBoolean()).isTrue();
  }

  @Test
  void anErrorTakesItsCodeFromTheHeaderAndItsMessageFromTheJsonBody() throws Exception {
    serve(r -> reply(409, "{\"message\":\"plugin x:latest is in use\"}\n",
        "Content-Type", "application/json", "Hangar-Error-Code", "PLUGIN_IN_USE"));
    assertThatThrownBy(() -> client.disable("x", false))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_IN_USE))
        .hasMessage("plugin x:latest is in use");
  }

  @Test
  void withoutTheHeaderTheStatusPicksTheCode() throws Exception {
    serve(r -> switch (r.target()) {
      case "/v1.41/plugins/nf/json" -> reply(404, "{\"message\":\"plugin \\\"nf\\\" not found\"}",
          "Content-Type", "application/json; charset=utf-8");
      case "/v1.41/plugins/en/json" -> reply(409, "{\"message\":\"plugin en is enabled\"}",
          "Content-Type", "application/json", "Hangar-Error-Code", "NO_SUCH_CODE");
      case "/v1.41/plugins/txt/json" -> Reply.text(500, "boom\n");
      case "/v1.41/plugins/bad/json" -> reply(400, "{\"message\":\"x\"}", "Content-Type",
          "text/plain");
      default -> reply(404, "");
    });
    assertError(() -> client.inspect("nf"), ErrorCode.PLUGIN_NOT_FOUND, "plugin \"nf\" not found");
    assertError(() -> client.inspect("en"), ErrorCode.PLUGIN_ENABLED, "plugin en is enabled");
    assertError(() -> client.inspect("txt"), ErrorCode.INTERNAL, "boom");
    assertError(() -> client.inspect("bad"), ErrorCode.USAGE, "{\"message\":\"x\"}");
    assertError(() -> client.inspect("empty"), ErrorCode.PLUGIN_NOT_FOUND,
        "request returned 404 for API route and version /v1.41/plugins/empty/json at unix://"
            + socket + ", check if the server supports the requested API version");
    assertThat(client.find("nf")).isEmpty();
  }

  private static void assertError(Runnable call, ErrorCode code, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(HangarException.class,
        e -> assertThat(e.code()).isEqualTo(code)).hasMessage(message);
  }

  @Test
  void callSendsTheBodyUnchangedAndReturnsTheReplyBytesExactly() throws Exception {
    serve(r -> reply(200, "{\"Volumes\": [],  \"Err\":\"\"}\n", "Content-Type",
        "application/vnd.docker.plugins.v1.2+json"));
    byte[] out = client.call("vieux/sshfs:latest", "VolumeDriver.List",
        "{\"Name\": 1.50}".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(out, StandardCharsets.UTF_8))
        .isEqualTo("{\"Volumes\": [],  \"Err\":\"\"}\n");
    RecordedRequest r = last();
    assertThat(r.requestLine()).isEqualTo(
        "POST /hangar/v1/plugins/vieux/sshfs:latest/call/VolumeDriver.List HTTP/1.1");
    assertThat(r.bodyText()).isEqualTo("{\"Name\": 1.50}");
    assertThat(server.requests()).extracting(RecordedRequest::target)
        .as("Hangar's routes need no ping").doesNotContain("/_ping");
  }

  @Test
  void logsDeliversEachLineOfAChunkedStream() throws Exception {
    serve(r -> Reply.chunked(200, "{\"log\":\"a\\n\",\"stream\":\"stdout\"}\r\n{\"log\":\"b",
        "\\n\",\"stream\":\"stderr\"}\r\n"));
    List<String> seen = new ArrayList<>();
    client.logs("p", OptionalInt.empty(), Optional.empty(), true,
        l -> seen.add(l.get("stream").asText() + ":" + l.get("log").asText()));
    assertThat(seen).containsExactly("stdout:a\n", "stderr:b\n");
    assertThat(last().target()).isEqualTo("/hangar/v1/plugins/p/logs?follow=1");
  }

  @Test
  void anInStreamErrorIsThrownWithItsCodeAndOneWithoutAMessageSaysSo() throws Exception {
    serve(r -> Reply.chunked(200, "{\"status\":\"Pulling\"}\r\n{\"errorDetail\":{\"message\":"
        + "\"manifest unknown\"},\"hangarErrorCode\":\"MANIFEST_NOT_FOUND\"}\r\n"));
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(() -> client.pull("vieux/sshfs", "", List.of(), Optional.empty(),
        m -> seen.add(m.path("status").asText())))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_NOT_FOUND))
        .hasMessage("manifest unknown");
    assertThat(seen).containsExactly("Pulling");

    // found by EngineClientFuzzTest: the message was empty
    server.responder(daemon(r -> Reply.chunked(200, "{\"errorDetail\":{},\"error\":{}}\r\n")));
    assertThatThrownBy(() -> client.push("vieux/sshfs", Optional.empty(), m -> { }))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_ERROR))
        .hasMessage("the Hangar daemon at " + client.address() + " reported an error without a"
            + " message in reply to POST /v1.41/plugins/vieux/sshfs/push");
  }

  @Test
  void closeEndsAFollowedStreamAndTheCallReturnsNormally() throws Exception {
    serve(r -> Reply.raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "f\r\n{\"log\":\"a\\n\"}\r\n\r\n"));
    CountDownLatch first = new CountDownLatch(1);
    CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> client.logs("p",
        OptionalInt.empty(), Optional.empty(), true, l -> first.countDown()));
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
    client.close();
    follow.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aDaemonThatDoesNotAnswerInTimeIsUnreachable() throws Exception {
    server = RawPluginServer.unix(socket, daemon(r -> Reply.neverAnswer()));
    client = EngineClient.open(new DaemonAddress.Unix(socket, true), Optional.empty(),
        Duration.ofMillis(300));
    assertThatThrownBy(() -> client.call("p", "X.Y", new byte[0]))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DAEMON_UNREACHABLE))
        .hasMessageContaining("did not answer POST /hangar/v1/plugins/p/call/X.Y");
  }

  @Test
  void aMissingSocketFileIsUnreachableInDockersWords() {
    client = EngineClient.open(new DaemonAddress.Unix(socket, true), Optional.empty());
    assertError(client::ping, ErrorCode.DAEMON_UNREACHABLE, "Cannot connect to the Hangar daemon "
        + "at unix://" + socket + ": is 'hangar daemon' running?");
  }

  @Test
  void aSocketFileNobodyListensOnIsUnreachable() {
    ShortTempDir.deadSocket(socket);
    client = EngineClient.open(new DaemonAddress.Unix(socket, true), Optional.empty());
    assertError(() -> client.listPlugins(Map.of()), ErrorCode.DAEMON_UNREACHABLE,
        "Cannot connect to the Hangar daemon at unix://" + socket
            + ": is 'hangar daemon' running?");
  }

  @Test
  void anIdleConnectionTheDaemonClosedIsReplacedOnce() throws Exception {
    serve(r -> reply(200, "{}"));
    client.ping();
    server.dropConnections();
    assertThat(client.inspect("x").isObject()).isTrue();
    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void withoutAnApiVersionEngineRoutesAreUnversioned() throws Exception {
    server = RawPluginServer.unix(socket, r -> r.target().equals("/_ping")
        ? Reply.text(200, "OK") : reply(200, "[]"));
    client = EngineClient.open(new DaemonAddress.Unix(socket, true), Optional.empty());
    assertThat(client.ping().apiVersion()).isEmpty();
    client.listPlugins(Map.of());
    assertThat(last().target()).isEqualTo("/plugins");
  }

  @Test
  void aManagedListOfAnotherShapeIsAProtocolErrorSayingWhat() throws Exception {
    String[][] cases = {
        {"{\"Id\":\"ab\"}", "not a JSON array"},
        {"[{\"Id\":\"ab\",\"Enabled\":true}]", "entry 0 lacks Id or Name"},
        {"[{\"Id\":\"ab\",\"Name\":\"x\"}, 3]", "entry 1 is not a JSON object"},
        {"[] []", "more than one JSON value"},
        {"[{\"Id\":\"ab\",\"Name\":", "malformed JSON"}};
    for (String[] c : cases) {
      serve(r -> reply(200, c[0]));
      assertThatThrownBy(client::listManaged).as(c[0]).isInstanceOf(HangarException.class)
          .hasMessageContaining("/hangar/v1/plugins").hasMessageContaining(c[1])
          .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
      client.close();
      server.close();
    }
  }

  @Test
  void managedStatusesAndPrivilegesAreRead() throws Exception {
    serve(r -> r.target().equals("/hangar/v1/plugins")
        ? reply(200, "[{\"Id\":\"ab\",\"Name\":\"x:latest\",\"Enabled\":true,"
            + "\"State\":\"restarting\",\"Types\":[\"docker.volumedriver/1.0\"],"
            + "\"Config\":{\"skipped\":[1,{\"a\":null}]}},{\"Id\":\"cd\",\"name\":\"y:latest\","
            + "\"Enabled\":false,\"STATE\":\"failed\",\"Failure\":\"exited 3 times\"},"
            + "{\"Id\":\"ef\",\"Name\":\"z:latest\",\"Enabled\":true,\"State\":\"odd\","
            + "\"Socket\":\"/run/z.sock\"}]")
        : reply(200, "[{\"Name\":\"network\",\"Description\":\"permissions to access a "
            + "network\",\"Value\":[\"host\"]}]"));
    assertThat(client.listManaged()).containsExactly(
        new ManagedStatus("ab", "x:latest", true, ManagedState.RESTARTING, Optional.empty(),
            Optional.empty(), List.of("docker.volumedriver/1.0")),
        new ManagedStatus("cd", "y:latest", false, ManagedState.FAILED,
            Optional.of("exited 3 times"), Optional.empty(), List.of()),
        new ManagedStatus("ef", "z:latest", true, ManagedState.ENABLED, Optional.empty(),
            Optional.of("/run/z.sock"), List.of()));
    assertThat(client.privileges("vieux/sshfs")).containsExactly(
        new Privilege("network", "permissions to access a network", List.of("host")));
    assertThat(last().target()).isEqualTo("/hangar/v1/plugins/vieux/sshfs/privileges");
  }

  @Test
  void tcpWithMutualTlsSendsTheHostAndPort(@TempDir Path tmp) throws Exception {
    TestPki pki = TestPki.create(tmp);
    server = RawPluginServer.tls(TlsContexts.server(pki.serverCert(), pki.serverKey(),
        pki.caCert()), daemon(r -> reply(200, "[]")));
    client = EngineClient.open(new DaemonAddress.Tcp("127.0.0.1", server.port(), true),
        Optional.of(new TlsSettings(pki.caCert(), pki.clientCert(), pki.clientKey(), false)));
    assertThat(client.listPlugins(Map.of()).isArray()).isTrue();
    assertThat(last().header("Host")).contains("127.0.0.1:" + server.port());

    EngineClient noCert = EngineClient.open(new DaemonAddress.Tcp("127.0.0.1", server.port(),
        true), Optional.of(new TlsSettings(pki.caCert(), null, null, false)));
    assertThatThrownBy(noCert::ping).isInstanceOf(HangarException.class);
    noCert.close();
  }
}
