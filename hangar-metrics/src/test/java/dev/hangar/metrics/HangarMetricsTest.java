package dev.hangar.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.DiscoveryDirs;
import dev.hangar.PluginHost;
import dev.hangar.SocketPlugin;
import dev.hangar.observe.PluginEvent;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Prometheus metrics of a real host: a plugin on a unix socket, an exec plugin. */
class HangarMetricsTest {
  private final ShortTempDir tmp = new ShortTempDir();
  private final HangarMetrics metrics = HangarMetrics.create();

  @AfterEach
  void close() throws Exception {
    tmp.close();
  }

  private PluginHost host() {
    return PluginHost.builder()
        .dirs(new DiscoveryDirs(List.of(tmp.resolve("sockets")), List.of(tmp.resolve("specs"))))
        .pluginDirs(List.of(tmp.resolve("plugins"))).execDirs(List.of(tmp.resolve("exec")))
        .noInstalled().observer(metrics).build();
  }

  @Test
  void socketCallsCountByOutcomeAndFillTheLatencyBuckets() throws IOException {
    Files.createDirectories(tmp.resolve("sockets"));
    try (RawPluginServer server = RawPluginServer.unix(tmp.resolve("sockets/vol.sock"),
            r -> switch (r.target()) {
              case "/Plugin.Activate" -> Reply.json(200, "{\"Implements\":[\"VolumeDriver\"]}");
              case "/VolumeDriver.Fail" -> Reply.json(500, "{\"Err\":\"no\"}");
              default -> Reply.json(200, "{}");
            });
        PluginHost host = host()) {
      SocketPlugin p = host.get("vol", "VolumeDriver");
      p.client().callRaw("VolumeDriver.List", null, CallOptions.DEFAULT);
      p.client().callRaw("VolumeDriver.List", null, CallOptions.DEFAULT);
      assertThatThrownBy(() -> p.client().callRaw("VolumeDriver.Fail", null,
          CallOptions.DEFAULT)).isInstanceOf(HangarException.class);

      String text = metrics.scrape();
      assertThat(text).contains("hangar_plugin_calls_total{kind=\"socket\","
          + "method=\"VolumeDriver.List\",outcome=\"ok\",plugin=\"vol\"} 2.0\n");
      assertThat(text).contains("hangar_plugin_calls_total{kind=\"socket\","
          + "method=\"VolumeDriver.Fail\",outcome=\"PLUGIN_CALL_FAILED\",plugin=\"vol\"} 1.0\n");
      assertThat(text).contains("hangar_plugin_call_duration_seconds_count{kind=\"socket\","
          + "method=\"VolumeDriver.List\",plugin=\"vol\"} 2\n");
      assertThat(text).contains("hangar_plugin_call_duration_seconds_bucket{kind=\"socket\","
          + "method=\"VolumeDriver.List\",plugin=\"vol\",le=\"+Inf\"} 2\n");
      assertThat(text).contains("hangar_plugin_calls_in_flight{kind=\"socket\",plugin=\"vol\"}"
          + " 0.0\n");
      assertThat(text).contains("hangar_plugin_activations_total{kind=\"socket\","
          + "outcome=\"ok\",plugin=\"vol\"} 1.0\n");
      assertThat(text).contains("hangar_plugin_events_total{action=\"found\",kind=\"socket\"}"
          + " 1.0\n");
    }
  }

  @Test
  void execCallsCountTheirExitStatus() throws IOException {
    Path exec = Files.createDirectories(tmp.resolve("exec"));
    Path script = exec.resolve("t.sh");
    Files.writeString(script, "#!/bin/sh\n[ \"$1\" = ok ] && printf '20::1\\n' || exit 4\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(exec.resolve("t.plugin.toml"), "[plugin.t]\npath = \"t.sh\"\n"
        + "exports = [\"ok\", \"bad\"]\n");
    try (PluginHost host = host()) {
      host.exec("t.ok", null);
      assertThatThrownBy(() -> host.exec("t.bad", null)).isInstanceOf(HangarException.class);
    }
    String text = metrics.scrape();
    assertThat(text).contains("hangar_exec_exits_total{method=\"ok\",plugin=\"t\",status=\"0\"}"
        + " 1.0\n");
    assertThat(text).contains("hangar_exec_exits_total{method=\"bad\",plugin=\"t\","
        + "status=\"4\"} 1.0\n");
    assertThat(text).contains("hangar_plugin_calls_total{kind=\"exec\",method=\"bad\","
        + "outcome=\"EXEC_FAILED\",plugin=\"t\"} 1.0\n");
  }

  @Test
  void managedEventsMoveTheStateGaugeAndCountRestarts() {
    metrics.event(PluginEvent.now(PluginEvent.MANAGED, "pull", "gp:1", Map.of()));
    metrics.event(PluginEvent.now(PluginEvent.MANAGED, "enable", "gp:1", Map.of()));
    metrics.event(PluginEvent.now(PluginEvent.MANAGED, "restart", "gp:1", Map.of()));
    String text = metrics.scrape();
    assertThat(text).contains("hangar_managed_state{plugin=\"gp:1\",state=\"enabled\"} 1.0\n")
        .contains("hangar_managed_state{plugin=\"gp:1\",state=\"disabled\"} 0.0\n")
        .contains("hangar_managed_restarts_total{plugin=\"gp:1\"} 1.0\n");

    metrics.event(PluginEvent.now(PluginEvent.MANAGED, "remove", "gp:1", Map.of()));
    assertThat(metrics.scrape()).doesNotContain("hangar_managed_state{plugin=\"gp:1\"");
  }

  @Test
  void theTextIsPrometheusFormatWithHelpAndType() {
    metrics.downloaded("mem", 42);
    assertThat(metrics.scrape()).contains("# HELP hangar_get_bytes_total ")
        .contains("# TYPE hangar_get_bytes_total counter\n")
        .contains("hangar_get_bytes_total{scheme=\"mem\"} 42.0\n");
    assertThat(HangarMetrics.CONTENT_TYPE).startsWith("text/plain; version=0.0.4");
  }
}
