package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.client.PluginClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Beyond Docker: a plugin restarted behind the same socket is activated again. */
class ReactivationTest {
  private final HostFixture fx = new HostFixture();

  @AfterEach
  void cleanUp() throws Exception {
    fx.close();
  }

  @Test
  void aPluginRestartedBehindTheSameSocketIsActivatedAgainBeforeTheNextCall() {
    UnixPluginServer first = fx.plugin("vol", "VolumeDriver");
    PluginHost host = fx.host();
    List<String> seen = new CopyOnWriteArrayList<>();
    host.handle("VolumeDriver", p -> seen.add(p.name() + " " + p.implementsList()));
    SocketPlugin vol = host.get("vol", "VolumeDriver");
    PluginClient client = vol.client();
    client.call("VolumeDriver.List", Map.of(), Map.class);

    first.close(); // the plugin process dies
    assertThatThrownBy(() -> client.call("VolumeDriver.List", Map.of(), Map.class))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_UNREACHABLE));
    assertThat(vol.state()).isEqualTo(PluginState.STALE);

    // ... and comes back on the same path, now implementing more
    UnixPluginServer second = fx.plugin("vol", "VolumeDriver", "authz");
    client.call("VolumeDriver.List", Map.of(), Map.class);

    assertThat(second.methods()).containsExactly("Plugin.Activate", "VolumeDriver.List");
    assertThat(vol.state()).isEqualTo(PluginState.ACTIVE);
    assertThat(vol.implementsList()).containsExactly("VolumeDriver", "authz");
    assertThat(host.get("vol", "authz")).isSameAs(vol);
    assertThat(seen).containsExactly("vol [VolumeDriver]", "vol [VolumeDriver, authz]");
  }

  @Test
  void theNextGetAlsoReactivatesAStalePlugin() {
    UnixPluginServer first = fx.plugin("vol", "VolumeDriver");
    PluginHost host = fx.host();
    SocketPlugin vol = host.get("vol", "VolumeDriver");
    first.close();
    assertThatThrownBy(() -> vol.client().callRaw("VolumeDriver.List", null,
        dev.hangar.protocol.client.CallOptions.DEFAULT)).isInstanceOf(HangarException.class);
    UnixPluginServer second = fx.plugin("vol", "VolumeDriver");
    assertThat(host.get("vol", "VolumeDriver")).isSameAs(vol);
    assertThat(second.activations()).isEqualTo(1);
    assertThat(first.activations()).isEqualTo(1);
  }

  @Test
  void aManifestThatLostTheCapabilityFailsTypedCallsAfterReactivation() {
    UnixPluginServer first = fx.plugin("vol", "VolumeDriver");
    PluginHost host = fx.host();
    PluginHostTest.Volumes v = host.get("vol", PluginHostTest.Volumes.class);
    first.close();
    assertThatThrownBy(() -> v.list(Map.of())).isInstanceOf(HangarException.class);
    fx.plugin("vol", "authz");
    assertThatThrownBy(() -> v.list(Map.of()))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CAPABILITY_NOT_IMPLEMENTED));
    assertThat(host.get("vol", "authz").implementsList()).containsExactly("authz");
  }

  @Test
  void aFailedReactivationDropsThePluginAndTheClientRediscoversItLater() {
    UnixPluginServer first = fx.plugin("vol", "VolumeDriver");
    PluginHost host = fx.host();
    SocketPlugin vol = host.get("vol", "VolumeDriver");
    PluginClient client = vol.client();
    first.close();
    assertThatThrownBy(() -> client.call("VolumeDriver.List", Map.of(), Map.class))
        .isInstanceOf(HangarException.class);
    // still gone: the re-activation fails (no retry here), the plugin is dropped
    assertThatThrownBy(() -> client.call("VolumeDriver.List", Map.of(), Map.class))
        .isInstanceOf(HangarException.class);
    assertThat(vol.state()).isEqualTo(PluginState.FAILED);
    UnixPluginServer back = fx.plugin("vol", "VolumeDriver");
    client.call("VolumeDriver.List", Map.of(), Map.class);
    assertThat(back.methods()).containsExactly("Plugin.Activate", "VolumeDriver.List");
    SocketPlugin again = host.get("vol", "VolumeDriver");
    assertThat(again).isNotSameAs(vol);
    assertThat(again.state()).isEqualTo(PluginState.ACTIVE);
  }

  @Test
  void concurrentCallersAfterARestartShareOneReactivation() throws Exception {
    UnixPluginServer first = fx.plugin("vol", "VolumeDriver");
    PluginHost host = fx.host();
    PluginClient client = host.get("vol", "VolumeDriver").client();
    first.close();
    int n = 16;
    try (ExecutorService exec = Executors.newFixedThreadPool(n)) {
      List<Future<?>> failing = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        failing.add(exec.submit(() -> client.call("VolumeDriver.List", Map.of(), Map.class)));
      }
      for (Future<?> f : failing) {
        assertThatThrownBy(f::get).hasCauseInstanceOf(HangarException.class);
      }
      UnixPluginServer second = fx.plugin("vol", "VolumeDriver");
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(exec.submit(() -> {
          go.await();
          return client.call("VolumeDriver.List", Map.of(), Map.class);
        }));
      }
      go.countDown();
      for (Future<?> f : calls) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertThat(second.activations()).isEqualTo(1);
      assertThat(second.methods()).hasSize(n + 1);
    }
  }

  @Test
  void pluginErrorsDoNotMarkThePluginStale() {
    fx.track(UnixPluginServer.start(fx.sockets.resolve("vol.sock"),
        m -> m.equals("Plugin.Activate")
            ? UnixPluginServer.Reply.ok("{\"Implements\":[\"VolumeDriver\"]}")
            : new UnixPluginServer.Reply(500, "{\"Err\":\"boom\"}")));
    PluginHost host = fx.host();
    SocketPlugin vol = host.get("vol", "VolumeDriver");
    assertThatThrownBy(() -> vol.client().call("VolumeDriver.List", Map.of(), Map.class))
        .isInstanceOf(HangarException.class);
    assertThat(vol.state()).isEqualTo(PluginState.ACTIVE);
  }
}
