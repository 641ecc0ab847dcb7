package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.daemon.Daemon;
import dev.hangar.daemon.DaemonOptions;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.ShortTempDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code hangar plugin call} of a socket plugin while a daemon answers at the root: the call
 * goes through the daemon (so its metrics count it) and prints the reply byte for byte.
 */
class PluginCallRelayTest {
  /** A reply whose spacing and key order a re-encoding would change. */
  private static final String REPLY = "{ \"Volumes\" : [ {\"Name\":\"v1\"} ],\"Err\":\"\" }";

  private ShortTempDir tmp;
  private Daemon daemon;
  private RawPluginServer plugin;

  @BeforeEach
  void start() throws IOException {
    tmp = new ShortTempDir();
    Files.createDirectories(tmp.resolve("sockets"));
    plugin = RawPluginServer.unix(tmp.resolve("sockets/vol.sock"), r -> r.target()
        .equals("/Plugin.Activate") ? Reply.json(200, "{\"Implements\":[\"VolumeDriver\"]}")
        : Reply.json(200, REPLY));
    daemon = Daemon.start(new DaemonOptions(ManagedSettings.defaults(tmp.path()),
        List.of(URI.create("unix://" + tmp.resolve("hangar.sock"))), Optional.empty()));
  }

  @AfterEach
  void stop() throws Exception {
    dev.hangar.testkit.Closing.all(daemon, plugin, tmp);
  }

  private String metrics() throws IOException {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(
        tmp.resolve("hangar.sock")))) {
      ch.write(ByteBuffer.wrap("GET /metrics HTTP/1.0\r\nHost: d\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Channels.newInputStream(ch).transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void aSocketCallGoesThroughTheDaemonAndPrintsTheReplyByteForByte() throws IOException {
    CliTest.Run r = CliTest.runWithEnv(tmp.path(), Map.of(), null, "plugin", "call", "vol",
        "VolumeDriver.List", "{}");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(REPLY);
    assertThat(metrics()).contains("hangar_plugin_calls_total{kind=\"socket\","
        + "method=\"VolumeDriver.List\",outcome=\"ok\",plugin=\"vol\"} 1.0");
  }

  @Test
  void withDirectoriesOfItsOwnTheCallStaysInProcess() throws IOException {
    CliTest.Run r = CliTest.runWithEnv(tmp.path(), Map.of(), null, "--socket-dir",
        tmp.resolve("sockets").toString(), "plugin", "call", "vol", "VolumeDriver.List", "{}");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(REPLY);
    assertThat(metrics()).doesNotContain("kind=\"socket\"");
  }
}
