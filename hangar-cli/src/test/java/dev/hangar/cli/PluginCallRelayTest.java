package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.daemon.Daemon;
import dev.hangar.daemon.DaemonOptions;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.api.PluginInit;
import dev.hangar.testkit.PluginJarBuilder;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.TestPlugins;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code hangar plugin call} of a socket or an exec plugin while a daemon answers at the root:
 * the call goes through the daemon (so its metrics count it) and prints what a call in-process
 * prints (a socket plugin's reply byte for byte).
 */
class PluginCallRelayTest {
  /** A reply whose spacing and key order a re-encoding would change. */
  private static final String REPLY = "{ \"Volumes\" : [ {\"Name\":\"v1\"} ],\"Err\":\"\" }";

  /** How long {@code VolumeDriver.Slow} takes to answer. */
  private static final Duration SLOW = Duration.ofSeconds(3);

  private ShortTempDir tmp;
  private Daemon daemon;
  private RawPluginServer plugin;

  @BeforeEach
  void start() throws IOException {
    tmp = new ShortTempDir();
    Files.createDirectories(tmp.resolve("sockets"));
    plugin = RawPluginServer.unix(tmp.resolve("sockets/vol.sock"), r -> {
      if (r.target().equals("/VolumeDriver.Slow")) {
        sleep(SLOW);
      }
      return r.target().equals("/Plugin.Activate")
          ? Reply.json(200, "{\"Implements\":[\"VolumeDriver\"]}") : Reply.json(200, REPLY);
    });
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
  void theCallersTimeoutHoldsThroughTheDaemon() throws IOException {
    CliTest.Run r = CliTest.runWithEnv(tmp.path(), Map.of(), null, "--timeout", "1s",
        "plugin", "call", "vol", "VolumeDriver.Slow", "{}");

    // the daemon's call gave up at the caller's limit, not at its own default, and said so
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error: plugin vol: VolumeDriver.Slow: no reply within 1s"
        + System.lineSeparator());
    assertThat(metrics()).contains("hangar_plugin_calls_total{kind=\"socket\","
        + "method=\"VolumeDriver.Slow\",outcome=\"PLUGIN_TIMEOUT\",plugin=\"vol\"} 1.0");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void withDirectoriesOfItsOwnTheCallStaysInProcess() throws IOException {
    CliTest.Run r = CliTest.runWithEnv(tmp.path(), Map.of(), null, "--socket-dir",
        tmp.resolve("sockets").toString(), "plugin", "call", "vol", "VolumeDriver.List", "{}");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(REPLY);
    assertThat(metrics()).doesNotContain("kind=\"socket\"");
  }

  private void greetPlugin() {
    TestPlugins.execBundle(tmp.resolve("exec"), "greet", "hello",
        "case \"$1\" in\n"
            + "  hello) printf '20::{\"to\" : \"you\", \"n\": 1.50}\\n' ;;\n"
            + "  *) exit 3 ;;\n"
            + "esac");
  }

  @Test
  void anExecCallGoesThroughTheDaemonAndPrintsWhatAnInProcessCallPrints() throws IOException {
    greetPlugin();
    CliTest.Run inProcess = CliTest.runWithEnv(tmp.path(), Map.of(), null, "--exec-dir",
        tmp.resolve("exec").toString(), "plugin", "call", "greet", "hello");
    assertThat(inProcess.exit()).as(inProcess.toString()).isZero();
    assertThat(metrics()).doesNotContain("kind=\"exec\"");

    CliTest.Run relayed = CliTest.runWithEnv(tmp.path(), Map.of(), null, "plugin", "call",
        "greet", "hello");

    assertThat(relayed.exit()).as(relayed.toString()).isZero();
    assertThat(relayed.out()).isEqualTo(inProcess.out())
        .isEqualTo("{\"to\":\"you\",\"n\":1.5}\n");
    assertThat(metrics()).contains("hangar_plugin_calls_total{kind=\"exec\",method=\"hello\","
        + "outcome=\"ok\",plugin=\"greet\"} 1.0");
  }

  @Test
  void anExecPluginsFailureThroughTheDaemonKeepsItsCodeAndExitStatus() throws IOException {
    TestPlugins.execBundle(tmp.resolve("exec"), "greet", "hello", "exit 3");
    CliTest.Run inProcess = CliTest.runWithEnv(tmp.path(), Map.of(), null, "--exec-dir",
        tmp.resolve("exec").toString(), "plugin", "call", "greet", "hello");
    CliTest.Run relayed = CliTest.runWithEnv(tmp.path(), Map.of(), null, "plugin", "call",
        "greet", "hello");

    assertThat(inProcess.exit()).as(inProcess.toString()).isNotZero();
    assertThat(relayed.exit()).as(relayed.toString()).isEqualTo(inProcess.exit());
    assertThat(relayed.err()).contains("greet");
    assertThat(metrics()).contains("kind=\"exec\",method=\"hello\",outcome=\"");
  }

  @Test
  void aJarCallGoesThroughTheDaemonAndPrintsWhatAnInProcessCallPrints() throws IOException {
    // written after the daemon started: its host finds it at the call
    PluginJarBuilder.create().classPath(PluginJarBuilder.classPathOf(PluginInit.class))
        .apiVersion("1.0").source("c.Init", "package c; import dev.hangar.api.*; import java.util.*;"
            + " public final class Init implements PluginInit { public Loaded init("
            + "Map<String, String> o) { return new Loaded(new Add(), Map.of(\"type\", \"calc\","
            + " \"name\", \"add\")); } }")
        .source("c.Add", "package c; public final class Add implements"
            + " java.util.function.BinaryOperator<Integer> {"
            + " public Integer apply(Integer a, Integer b) { return a + b; } }")
        .pluginInit("c.Init").writeTo(tmp.resolve("plugins/acme-calc-plugin-add.jar"));
    CliTest.Run inProcess = CliTest.runWithEnv(tmp.path(), Map.of(), null, "--plugin-dir",
        tmp.resolve("plugins").toString(), "plugin", "call", "calc/add", "apply", "[2, 40]");
    assertThat(inProcess.exit()).as(inProcess.toString()).isZero();

    CliTest.Run relayed = CliTest.runWithEnv(tmp.path(), Map.of(), null, "plugin", "call",
        "calc/add", "apply", "[2, 40]");
    CliTest.Run byName = CliTest.runWithEnv(tmp.path(), Map.of(), null, "plugin", "call",
        "--kind", "jar", "add", "apply", "[1, 1]");
    CliTest.Run noSuch = CliTest.runWithEnv(tmp.path(), Map.of(), null, "plugin", "call",
        "calc/add", "nope");

    assertThat(relayed.exit()).as(relayed.toString()).isZero();
    assertThat(relayed.out()).isEqualTo(inProcess.out()).isEqualTo("42\n");
    assertThat(byName.out()).as(byName.toString()).isEqualTo("2\n");
    assertThat(noSuch.exit()).as(noSuch.toString()).isNotZero();
    assertThat(noSuch.err()).contains("nope");
    assertThat(metrics()).contains("hangar_plugin_calls_total{kind=\"jar\",method=\"apply\","
        + "outcome=\"ok\",plugin=\"calc/add\"} 1.0");
  }
}
