package dev.hangar.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.testkit.ShortTempDir;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.volume.CreateRequest;
import dev.hangar.protocol.volume.ListRequest;
import dev.hangar.protocol.volume.MountRequest;
import dev.hangar.protocol.volume.VolumeDriver;
import dev.hangar.sdk.RawHttp.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol rules of the server, over a real unix socket. */
class PluginServerTest {
  private static final String CONTENT_TYPE = "application/vnd.docker.plugins.v1.1+json";

  private ShortTempDir dir;
  private PluginServer server;
  private Path socket;
  private final RecordingVolumeDriver driver = new RecordingVolumeDriver();
  private final AtomicReference<JsonNode> rawBody = new AtomicReference<>();

  @BeforeEach
  void start() {
    dir = new ShortTempDir();
    socket = dir.resolve("p.sock");
    server = PluginServer.builder()
        .serve(VolumeDriver.class, driver)
        .handle("Raw.Echo", body -> {
          rawBody.set(body);
          return body;
        })
        .handle("Raw.Void", body -> null)
        .handle("Raw.Stream", body -> new ByteArrayInputStream(
            "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8)))
        .handle("Raw.Fail", body -> {
          throw new IOException("disk on fire");
        })
        .handle("Raw.FailWithoutMessage", body -> {
          throw new NullPointerException();
        })
        .handle("Raw.Refuse", body -> {
          throw new PluginError("volume v1 is in use");
        })
        .implement("Extra")
        .maxBodyBytes(1024)
        .unixSocket(socket)
        .start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    dir.close();
  }

  @Test
  void activationAnswersImplementsFollowedByNewline() throws IOException {
    Reply r = RawHttp.post(socket, "/Plugin.Activate", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"Implements\":[\"VolumeDriver\",\"Extra\"]}\n");
    assertThat(r.header("Content-Type")).isEqualTo(CONTENT_TYPE);
    assertThat(server.implementsList()).containsExactly("VolumeDriver", "Extra");
  }

  @Test
  void activationIgnoresAnyBody() throws IOException {
    assertThat(RawHttp.post(socket, "/Plugin.Activate", "not json").status()).isEqualTo(200);
  }

  @Test
  void typedInterfaceDecodesTheRequestAndVoidAnswersEmptyObject() throws IOException {
    Reply r = RawHttp.post(socket, "/VolumeDriver.Create",
        "{\"Name\":\"v1\",\"Opts\":{\"size\":\"1G\"}}\n");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{}\n");
    assertThat(r.header("Content-Type")).isEqualTo(CONTENT_TYPE);
    assertThat(driver.requests).containsExactly(new CreateRequest("v1", Map.of("size", "1G")));
  }

  @Test
  void requestKeysMatchCaseInsensitively() throws IOException {
    Reply r = RawHttp.post(socket, "/VolumeDriver.Mount", "{\"name\":\"v1\",\"id\":\"c1\"}");

    assertThat(r.text()).isEqualTo("{\"Mountpoint\":\"/mnt/v1\"}\n");
    assertThat(driver.requests).containsExactly(new MountRequest("v1", "c1"));
  }

  @Test
  void getAnswersTheVolumeWithDockerShape() throws IOException {
    assertThat(RawHttp.post(socket, "/VolumeDriver.Get", "{\"Name\":\"v1\"}").text())
        .isEqualTo("{\"Volume\":{\"Name\":\"v1\",\"Mountpoint\":\"/mnt/v1\","
            + "\"CreatedAt\":\"2024-01-02T03:04:05Z\",\"Status\":{\"k\":\"v\"}}}\n");
    assertThat(RawHttp.post(socket, "/VolumeDriver.Get", "{\"Name\":\"missing\"}").text())
        .isEqualTo("{\"Volume\":null}\n");
  }

  @Test
  void listAndCapabilitiesAcceptEmptyObjectAndEmptyBody() throws IOException {
    assertThat(RawHttp.post(socket, "/VolumeDriver.List", "{}\n").text()).isEqualTo(
        "{\"Volumes\":[{\"Name\":\"v1\",\"Mountpoint\":\"/mnt/v1\"},{\"Name\":\"v2\"}]}\n");
    assertThat(RawHttp.post(socket, "/VolumeDriver.Capabilities", "").text())
        .isEqualTo("{\"Capabilities\":{\"Scope\":\"local\"}}\n");
    assertThat(driver.requests.get(0)).isEqualTo(new ListRequest());
  }

  @Test
  void unknownMethodIs404WithErrNamingIt() throws IOException {
    Reply r = RawHttp.post(socket, "/VolumeDriver.Frobnicate", "{}");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text())
        .isEqualTo("{\"Err\":\"plugin does not implement VolumeDriver.Frobnicate\"}\n");
    assertThat(r.header("Content-Type")).isEqualTo(CONTENT_TYPE);
  }

  @Test
  void handlerFailureIs500WithTheMessageOnly() throws IOException {
    Reply r = RawHttp.post(socket, "/Raw.Fail", "");

    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("{\"Err\":\"disk on fire\"}\n");
  }

  @Test
  void aPluginErrorIsAnsweredLikeAFailureButLoggedAtDebugWithoutAStack() throws IOException {
    Logger log = Logger.getLogger("dev.hangar.sdk.PluginServer");
    List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Level before = log.getLevel();
    log.setLevel(Level.ALL);
    log.addHandler(h);
    try {
      Reply refused = RawHttp.post(socket, "/Raw.Refuse", "");
      assertThat(refused.status()).isEqualTo(500);
      assertThat(refused.text()).isEqualTo("{\"Err\":\"volume v1 is in use\"}\n");
      Reply failed = RawHttp.post(socket, "/Raw.Fail", "");
      assertThat(failed.status()).isEqualTo(500);
    } finally {
      log.removeHandler(h);
      log.setLevel(before);
    }
    assertThat(records).filteredOn(r -> r.getMessage().contains("Raw.Refuse")).singleElement()
        .satisfies(r -> {
          assertThat(r.getLevel()).isEqualTo(Level.FINE);
          assertThat(r.getMessage()).contains("volume v1 is in use");
          assertThat(r.getThrown()).isNull();
        });
    assertThat(records).anySatisfy(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.WARNING);
      assertThat(r.getMessage()).contains("Raw.Fail");
      assertThat(r.getThrown()).hasMessage("disk on fire");
    });
  }

  @Test
  void handlerFailureWithoutMessageNamesTheExceptionType() throws IOException {
    Reply r = RawHttp.post(socket, "/Raw.FailWithoutMessage", "");

    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("{\"Err\":\"NullPointerException\"}\n");
  }

  @Test
  void typedFailureIs500WithTheMessage() throws IOException {
    Reply r = RawHttp.post(socket, "/VolumeDriver.Create", "{\"Name\":\"bad\",\"Opts\":null}");

    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("{\"Err\":\"volume name 'bad' is refused\"}\n");
  }

  @Test
  void invalidJsonIs400WithErr() throws IOException {
    Reply r = RawHttp.post(socket, "/VolumeDriver.Create", "{\"Name\":");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text())
        .startsWith("{\"Err\":\"request body of VolumeDriver.Create is not valid JSON");
    assertThat(driver.requests).isEmpty();
  }

  @Test
  void trailingGarbageIs400() throws IOException {
    assertThat(RawHttp.post(socket, "/Raw.Echo", "{} x").status()).isEqualTo(400);
  }

  @Test
  void bodyOfTheWrongShapeIs400() throws IOException {
    Reply r = RawHttp.post(socket, "/VolumeDriver.Create", "[1,2]");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).startsWith("{\"Err\":\"bad request body for VolumeDriver.Create");
  }

  @Test
  void emptyBodyMeansNoArgument() throws IOException {
    rawBody.set(new com.fasterxml.jackson.databind.node.TextNode("unset"));
    Reply r = RawHttp.post(socket, "/Raw.Echo", "");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{}\n");
    assertThat(rawBody.get()).isNull();
  }

  @Test
  void jsonNullBodyMeansNoArgument() throws IOException {
    assertThat(RawHttp.post(socket, "/Raw.Echo", "null\n").text()).isEqualTo("{}\n");
  }

  @Test
  void rawHandlerSeesTheParsedBody() throws IOException {
    Reply r = RawHttp.post(socket, "/Raw.Echo", "{\"a\":[1,2]}");

    assertThat(r.text()).isEqualTo("{\"a\":[1,2]}\n");
    assertThat(rawBody.get().get("a").size()).isEqualTo(2);
  }

  @Test
  void nullResultIsEmptyObject() throws IOException {
    assertThat(RawHttp.post(socket, "/Raw.Void", "{}").text()).isEqualTo("{}\n");
  }

  @Test
  void inputStreamResultIsStreamedAsIs() throws IOException {
    Reply r = RawHttp.post(socket, "/Raw.Stream", "");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Length")).isNull();
    // On a connection the client closes, Jetty may end the body with the connection instead.
    String body = "chunked".equals(r.header("Transfer-Encoding")) ? RawHttp.dechunk(r.body())
        : r.text();
    assertThat(body).isEqualTo("line 1\nline 2\n");
  }

  @Test
  void nonPostIs405() throws IOException {
    Reply r = RawHttp.exchange(socket, RawHttp.request("GET", "/Plugin.Activate", null, "x"));

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("POST");
    assertThat(r.text()).startsWith("{\"Err\":");
  }

  @Test
  void bodyOverTheLimitIs413() throws IOException {
    Reply r = RawHttp.post(socket, "/Raw.Echo", "\"" + "x".repeat(2000) + "\"");

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.text()).contains("larger than the limit of 1024 bytes");
  }

  @Test
  void chunkedBodyOverTheLimitIs413() throws IOException {
    String chunk = "\"" + "x".repeat(1500) + "\"";
    String req = "POST /Raw.Echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n" + chunk
        + "\r\n0\r\n\r\n";
    Reply r = RawHttp.exchange(socket, req.getBytes(StandardCharsets.US_ASCII));

    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void malformedHttpGetsAJsonErrorWithoutAStackTrace() throws IOException {
    Reply r = RawHttp.exchange(socket,
        "POST /X.Y HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).startsWith("{\"Err\":").doesNotContain("\tat ").endsWith("}\n");
  }

  @Test
  void queryStringIsIgnored() throws IOException {
    Reply r = RawHttp.post(socket, "/Raw.Void?id=1&parent=2", "");

    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void anyHostHeaderIsAccepted() throws IOException {
    for (String host : new String[] {"/run/docker/plugins/p.sock", "%2Frun%2Fp.sock", "",
        "plugin.moby.localhost", "docker"}) {
      Reply r = RawHttp.exchange(socket, RawHttp.request("POST", "/Plugin.Activate", null, host));

      assertThat(r.status()).as("Host: " + host + " -> " + r.text()).isEqualTo(200);
    }
  }

  @Test
  void servesOnTcpWithAnEphemeralPort() throws IOException {
    try (PluginServer tcp = PluginServer.builder().serve(VolumeDriver.class, driver)
        .tcp("127.0.0.1", 0).start()) {
      PluginAddress.Tcp a = (PluginAddress.Tcp) tcp.address();
      assertThat(a.port()).isPositive();
      assertThat(a.url()).isEqualTo("tcp://127.0.0.1:" + a.port());

      Reply r = RawHttp.post(new InetSocketAddress("127.0.0.1", a.port()), "/Plugin.Activate", "");

      assertThat(r.text()).isEqualTo("{\"Implements\":[\"VolumeDriver\"]}\n");
      Path spec = tcp.writeSpec(dir.resolve("specs"), "tcpplugin");
      assertThat(java.nio.file.Files.readString(spec)).isEqualTo(a.url());
    }
  }

  @Test
  void tcpPortInUseIsSocketInUse() throws IOException {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      PluginServer.Builder b = PluginServer.builder().tcp("127.0.0.1", taken.getLocalPort());

      assertThatThrownBy(b::start).isInstanceOfSatisfying(HangarException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.SOCKET_IN_USE))
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void builderRejectsMisuse() {
    assertThatThrownBy(() -> PluginServer.builder().handle("Plugin.Activate", b -> null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PluginServer.builder().handle("/X.Y", b -> null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PluginServer.builder().serve(VolumeDriver.class, driver)
        .handle("VolumeDriver.Create", b -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already routed");
    assertThatThrownBy(() -> PluginServer.builder().start())
        .isInstanceOf(IllegalStateException.class);
  }
}
