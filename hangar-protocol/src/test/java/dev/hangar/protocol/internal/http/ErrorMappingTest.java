package dev.hangar.protocol.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.MethodNotFoundException;
import dev.hangar.protocol.PluginCallException;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.Responder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
  record Path(@JsonProperty("Mountpoint") String mountpoint, @JsonProperty("Err") String err) {}

  static final CallOptions ERR_IN_BODY = CallOptions.DEFAULT.withErrInBody(true);

  Fixtures fx;
  RawPluginServer server;
  PluginClient client;

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures();
    server = fx.unix(Responder.always(Fixtures.ok("{}")));
    client = fx.client(server, Fixtures.FAST.withMaxErrorBytes(64).withMaxReplyBytes(1024));
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private PluginCallException failure(Reply reply, ThrowingCallable call) {
    server.responder(Responder.always(reply));
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(t).isInstanceOf(PluginCallException.class);
    return (PluginCallException) t;
  }

  private PluginCallException callFails(Reply reply) {
    return failure(reply, () -> client.call("VolumeDriver.Path", Map.of("Name", "v"), Path.class,
        CallOptions.DEFAULT));
  }

  @Test
  void status200DecodesTheBody() {
    server.responder(Responder.always(Fixtures.ok("{\"Mountpoint\":\"/m\",\"extra\":1}")));
    assertThat(client.call("VolumeDriver.Path", null, Path.class)).isEqualTo(new Path("/m", null));
  }

  @Test
  void keysMatchCaseInsensitivelyAndGenericTypesDecode() {
    server.responder(Responder.always(Fixtures.ok("[{\"mountpoint\":\"/a\"}]")));
    List<Path> l = client.call("X.List", null, new TypeReference<List<Path>>() {}.getType(),
        CallOptions.DEFAULT);
    assertThat(l).containsExactly(new Path("/a", null));
  }

  @Test
  void status404IsMethodNotFound() {
    PluginCallException e = callFails(Reply.text(404, "404 page not found\n"));
    assertThat(e).isInstanceOf(MethodNotFoundException.class);
    assertThat(e.code()).isEqualTo(ErrorCode.METHOD_NOT_FOUND);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.getMessage())
        .isEqualTo("plugin test-plugin: VolumeDriver.Path: 404 page not found");
  }

  @Test
  void status500WithErrCarriesTheErrText() {
    PluginCallException e = callFails(Reply.json(500, "{\"Err\":\"volume v not found\"}"));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_CALL_FAILED);
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.detail()).isEqualTo("volume v not found");
    assertThat(e.plugin()).isEqualTo("test-plugin");
    assertThat(e.method()).isEqualTo("VolumeDriver.Path");
    assertThat(e.getMessage())
        .isEqualTo("plugin test-plugin: VolumeDriver.Path: volume v not found");
  }

  @Test
  void nonJsonErrorBodyIsReportedRaw() {
    PluginCallException e = callFails(Reply.text(500, "something broke\n"));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_CALL_FAILED);
    assertThat(e.detail()).isEqualTo("something broke");
    PluginCallException emptyErr = callFails(Reply.json(500, "{\"Err\":\"\"}"));
    assertThat(emptyErr.detail()).isEqualTo("{\"Err\":\"\"}");
  }

  @Test
  void status204And201AreFailures() {
    PluginCallException e204 = callFails(Reply.raw("HTTP/1.1 204 No Content\r\n\r\n"));
    assertThat(e204.status()).isEqualTo(204);
    assertThat(e204.code()).isEqualTo(ErrorCode.PLUGIN_CALL_FAILED);
    assertThat(e204.detail()).isEqualTo("HTTP 204 with an empty body");
    PluginCallException e201 = callFails(Reply.json(201, "{\"Mountpoint\":\"/m\"}"));
    assertThat(e201.status()).isEqualTo(201);
    assertThat(e201.code()).isEqualTo(ErrorCode.PLUGIN_CALL_FAILED);
  }

  @Test
  void hugeErrorBodyIsCappedAndItsConnectionDropped() {
    String big = "x".repeat(10_000);
    PluginCallException e = callFails(Reply.text(500, big));
    assertThat(e.detail())
        .startsWith("x".repeat(64) + "... (HTTP 500, body truncated at 64 bytes)");
    // the next call works, on a new connection (the old one was not drained)
    server.responder(Responder.always(Fixtures.ok("{}")));
    client.call("X.Y", null, Void.class);
    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void hugeChunkedErrorBodyIsCappedToo() {
    PluginCallException e = callFails(Reply.huge(500, 50L << 20, true));
    assertThat(e.detail()).contains("body truncated at 64 bytes");
  }

  @Test
  void emptyReplyWhereAResultIsExpectedIsAProtocolError() {
    PluginCallException e = callFails(Fixtures.ok(""));
    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
    assertThat(e.getMessage()).startsWith("plugin test-plugin: VolumeDriver.Path: empty reply");
  }

  @Test
  void emptyReplyIsFineWhenNoResultIsExpected() {
    server.responder(Responder.always(Fixtures.ok("")));
    assertThat((Object) client.call("X.Y", null, Void.class)).isNull();
    assertThat(client.<Object>call("X.Y", null, void.class, ERR_IN_BODY)).isNull();
  }

  @Test
  void malformedJsonIsAProtocolError() {
    PluginCallException e = callFails(Fixtures.ok("{\"Mountpoint\":"));
    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
    assertThat(e.detail()).startsWith("malformed JSON reply");
  }

  @Test
  void errIn200FailsOnlyWhenTheSubsystemUsesIt() {
    Reply withErr = Fixtures.ok("{\"Mountpoint\":\"\",\"Err\":\"no such volume\"}");
    PluginCallException e = failure(withErr,
        () -> client.call("VolumeDriver.Path", null, Path.class, ERR_IN_BODY));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_CALL_FAILED);
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.detail()).isEqualTo("no such volume");
    failure(withErr, () -> client.call("VolumeDriver.Remove", null, Void.class, ERR_IN_BODY));
    // authz-style: Err in a 200 ignored
    server.responder(Responder.always(withErr));
    Path authz = client.call("AuthZPlugin.AuthZReq", null, Path.class, CallOptions.DEFAULT);
    assertThat(authz.err())
        .isEqualTo("no such volume");
    server.responder(Responder.always(Fixtures.ok("{\"Err\":\"\"}")));
    client.call("VolumeDriver.Remove", null, Void.class, ERR_IN_BODY);
  }

  @Test
  void replyLargerThanTheLimitIsAProtocolError() {
    PluginCallException e = callFails(Fixtures.ok("\"" + "y".repeat(2000) + "\""));
    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
    assertThat(e.detail()).contains("larger than 1024 bytes");
    PluginCallException chunked = failure(Reply.huge(200, 5000, true),
        () -> client.callRaw("X.Raw", null, CallOptions.DEFAULT));
    assertThat(chunked.detail()).contains("larger than 1024 bytes");
  }

  @Test
  void chunkedUntilCloseAndHttp10RepliesAreRead() {
    server.responder(Responder.always(Reply.chunked(200, "{\"Mountpoint\"", ":\"/c\"}")));
    assertThat(client.call("X.Y", null, Path.class).mountpoint()).isEqualTo("/c");
    server.responder(Responder.always(
        Reply.raw("HTTP/1.1 200 OK\r\n\r\n{\"Mountpoint\":\"/u\"}").thenClose()));
    assertThat(client.call("X.Y", null, Path.class).mountpoint()).isEqualTo("/u");
    server.responder(Responder.always(
        Reply.raw("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}")));
    client.call("X.Y", null, Path.class);
    client.call("X.Y", null, Path.class);
    // the chunked reply left its connection for the read-to-close one; HTTP/1.0: no reuse
    assertThat(server.connectionCount()).isEqualTo(3);
  }

  @Test
  void interimRepliesAreSkipped() {
    server.responder(Responder.always(Reply.raw("HTTP/1.1 100 Continue\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nContent-Length: 19\r\n\r\n{\"Mountpoint\":\"/i\"}")));
    assertThat(client.call("X.Y", null, Path.class).mountpoint()).isEqualTo("/i");
  }

  @Test
  void garbageRepliesAreProtocolErrors() {
    for (String garbage : List.of("SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nX: " + "a".repeat(70_000) + "\r\n\r\n")) {
      PluginCallException e = callFails(Reply.raw(garbage).thenClose());
      assertThat(e.code()).as(garbage).isEqualTo(ErrorCode.PROTOCOL_ERROR);
      assertThat(e.getMessage()).startsWith("plugin test-plugin: VolumeDriver.Path: invalid HTTP");
    }
  }

  @Test
  void bodyCutShortIsAConnectionLoss() {
    PluginCallException e = callFails(Reply.closeMidReply(
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Mount"));
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
    assertThat(e.getMessage()).contains("may have acted on it");
  }

  @Test
  void defaultConfigKeepsFourKiBOfAnErrorBody() {
    PluginClient c = fx.client(server, ClientConfig.DEFAULT);
    PluginCallException e = failure(Reply.text(500, "z".repeat(5000)),
        () -> c.call("X.Y", null, Void.class,
            CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(5))));
    assertThat(e.detail()).startsWith("z".repeat(4096) + "...");
  }

  @Test
  void callRawReturnsTheBodyAsSent() {
    server.responder(Responder.always(Fixtures.ok("{\"a\": 1}\n")));
    assertThat(client.callRaw("X.Y", null, CallOptions.DEFAULT)).asString()
        .isEqualTo("{\"a\": 1}\n");
    assertThat(client.callRaw("X.Y", null, ERR_IN_BODY)).hasSize(9);
  }

  @Test
  void streamMapsErrorStatusesToo() {
    PluginCallException e = failure(Reply.json(500, "{\"Err\":\"no logs\"}"),
        () -> client.stream("LogDriver.ReadLogs", Map.of(), CallOptions.DEFAULT));
    assertThat(e.detail()).isEqualTo("no logs");
    assertThat(failure(Reply.text(404, "nope"),
        () -> client.stream("LogDriver.ReadLogs", null, CallOptions.DEFAULT)))
        .isInstanceOf(MethodNotFoundException.class);
  }
}
