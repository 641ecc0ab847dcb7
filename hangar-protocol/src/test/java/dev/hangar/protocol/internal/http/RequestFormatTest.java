package dev.hangar.protocol.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hangar.protocol.Manifest;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.PatternStream;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.RecordedRequest;
import dev.hangar.testkit.Responder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestFormatTest {
  record CreateRequest(@JsonProperty("Name") String name,
      @JsonProperty("Opts") Map<String, String> opts) {}

  Fixtures fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures();
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private static RecordedRequest only(RawPluginServer s) {
    return s.awaitRequest(0, Duration.ofSeconds(5));
  }

  @Test
  void jsonRequestIsByteForByteWhatDockerSendsOnUnix() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Fixtures.ok("{}")));
    PluginClient c = fx.client(s);
    c.call("VolumeDriver.Create", new CreateRequest("v1", null), Void.class);
    RecordedRequest r = only(s);
    String body = "{\"Name\":\"v1\",\"Opts\":null}\n";
    assertThat(r.headText()).isEqualTo("POST /VolumeDriver.Create HTTP/1.1\r\n"
        + "Host: plugin.moby.localhost\r\n"
        + "User-Agent: Hangar\r\n"
        + "Content-Length: " + body.length() + "\r\n"
        + "Accept: application/vnd.docker.plugins.v1.2+json\r\n\r\n");
    assertThat(r.bodyText()).isEqualTo(body);
    assertThat(r.header("Content-Type")).isEmpty();
  }

  @Test
  void tcpRequestCarriesHostAndPort() throws Exception {
    RawPluginServer s = fx.tcp(Responder.always(Fixtures.ok("{}")));
    fx.client(s).call("VolumeDriver.List", Map.of(), Void.class);
    RecordedRequest r = only(s);
    assertThat(r.header("Host")).contains("127.0.0.1:" + s.port());
    assertThat(r.headerNames()).containsExactly("Host", "User-Agent", "Content-Length", "Accept");
    assertThat(r.bodyText()).isEqualTo("{}\n");
  }

  @Test
  void nullArgumentsSendAnEmptyBody() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(
        Fixtures.ok("{\"Implements\": [\"VolumeDriver\"]}\n")));
    Manifest m = fx.client(s).call("Plugin.Activate", null, Manifest.class);
    assertThat(m.implementsList()).containsExactly("VolumeDriver");
    RecordedRequest r = only(s);
    assertThat(r.header("Content-Length")).contains("0");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void streamAlwaysEncodesItsArgumentsSoNullIsSentAsNull() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Fixtures.ok("abc")));
    try (InputStream in = fx.client(s).stream("LogDriver.ReadLogs", null, CallOptions.DEFAULT)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abc");
    }
    assertThat(only(s).bodyText()).isEqualTo("null\n");
  }

  @Test
  void stringsAreEscapedAsGoEscapesThem() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Fixtures.ok("{}")));
    fx.client(s).call("X.Y", Map.of("A", "<a&b>\u2028\u0001"), Void.class);
    assertThat(only(s).bodyText())
        .isEqualTo("{\"A\":\"\\u003ca\\u0026b\\u003e\\u2028\\u0001\"}\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/MetricsCollector.StartMetrics", "GraphDriver.ApplyDiff?id=a&parent=b"})
  void leadingSlashIsKeptAndQueryStringsPassThrough(String method) throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Fixtures.ok("{}")));
    fx.client(s).call(method, null, Void.class);
    String expected = method.startsWith("/") ? method : "/" + method;
    assertThat(only(s).requestLine()).isEqualTo("POST " + expected + " HTTP/1.1");
  }

  @Test
  void sendFileWithKnownLengthSendsContentLength() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Fixtures.ok("{}")));
    byte[] data = "tar bytes".getBytes(StandardCharsets.UTF_8);
    fx.client(s).sendFile("GraphDriver.ApplyDiff", new ByteArrayInputStream(data), data.length,
        Void.class, CallOptions.DEFAULT);
    RecordedRequest r = only(s);
    assertThat(r.header("Content-Length")).contains(Integer.toString(data.length));
    assertThat(r.chunked()).isFalse();
    assertThat(r.body()).isEqualTo(data);
  }

  @Test
  void sendFileWithUnknownLengthIsChunked() throws Exception {
    RawPluginServer s = fx.tcp(Responder.always(Fixtures.ok("{}")));
    long n = 300_000;
    fx.client(s).sendFile("GraphDriver.ApplyDiff", new PatternStream(n), -1, Void.class,
        CallOptions.DEFAULT);
    RecordedRequest r = only(s);
    assertThat(r.header("Transfer-Encoding")).contains("chunked");
    assertThat(r.header("Content-Length")).isEmpty();
    assertThat(r.bodyLength()).isEqualTo(n);
    assertThat(r.bodyCrc32()).isEqualTo(PatternStream.crc32(n));
  }

  @Test
  void requestsLargerThanTheWriteBufferAreSentWhole() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Fixtures.ok("{}")));
    String method = "X.Y?q=" + "a".repeat(10_000);
    String big = "b".repeat(20_000);
    fx.client(s).call(method, Map.of("B", big), Void.class);
    RecordedRequest r = only(s);
    assertThat(r.requestLine()).isEqualTo("POST /" + method + " HTTP/1.1");
    assertThat(r.bodyText()).isEqualTo("{\"B\":\"" + big + "\"}\n");
  }
}
