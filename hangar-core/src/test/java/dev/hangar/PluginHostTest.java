package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.testkit.ShortTempDir;

import dev.hangar.UnixPluginServer.Reply;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.WireMethod;
import dev.hangar.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginHostTest {
  private final HostFixture fx = new HostFixture();

  @AfterEach
  void cleanUp() throws Exception {
    fx.close();
  }

  @Test
  void activatesOnceForManyGets() {
    UnixPluginServer server = fx.plugin("vol", "VolumeDriver");
    PluginHost host = fx.host();
    SocketPlugin first = host.get("vol", "VolumeDriver");
    for (int i = 0; i < 5; i++) {
      assertThat(host.get("vol", "VolumeDriver")).isSameAs(first);
    }
    assertThat(server.activations()).isEqualTo(1);
    RecordedRequest activate = server.requests().get(0);
    assertThat(activate.requestLine()).isEqualTo("POST /Plugin.Activate HTTP/1.1");
    assertThat(activate.header("Content-Length")).hasValue("0");
    assertThat(activate.header("Accept")).hasValue("application/vnd.docker.plugins.v1.2+json");
    assertThat(first.state()).isEqualTo(PluginState.ACTIVE);
    assertThat(first.implementsList()).containsExactly("VolumeDriver");
    assertThat(first.discovered().kind()).isEqualTo(DiscoveredPlugin.Kind.SOCKET);
    assertThat(first.address().url()).isEqualTo("unix://" + server.socket);
  }

  @Test
  void theCapabilityMustMatchExactlyAndCaseSensitively() {
    fx.plugin("az", "authz", "LogDriver");
    PluginHost host = fx.host();
    assertThat(host.get("az", "authz").name()).isEqualTo("az");
    assertThatThrownBy(() -> host.get("az", "Authz"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CAPABILITY_NOT_IMPLEMENTED))
        .hasMessage("plugin az does not implement Authz (it implements: authz, LogDriver)");
  }

  @Test
  void aFailedActivationIsNotCachedAndTheNextGetRediscovers() throws Exception {
    int[] calls = {0};
    UnixPluginServer flaky = fx.track(UnixPluginServer.start(fx.root.resolve("a.sock"),
        m -> ++calls[0] == 1 ? new Reply(500, "{\"Err\":\"not ready\"}")
            : Reply.ok("{\"Implements\":[\"VolumeDriver\"]}")));
    fx.spec("p.spec", "unix://" + flaky.socket);
    PluginHost host = fx.host();

    assertThatThrownBy(() -> host.get("p", "VolumeDriver"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ACTIVATION_FAILED))
        .hasMessageContaining("activation of plugin p failed").hasMessageContaining("not ready");
    assertThat(host.get("p", "VolumeDriver").state()).isEqualTo(PluginState.ACTIVE);
    assertThat(flaky.activations()).isEqualTo(2);

    // a plugin whose socket is dead fails; once its spec points at a live socket, it works
    ShortTempDir.deadSocket(fx.root.resolve("dead.sock"));
    fx.spec("q.spec", "unix://" + fx.root.resolve("dead.sock"));
    assertThatThrownBy(() -> host.get("q", "VolumeDriver"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_UNREACHABLE));
    fx.spec("q.spec", "unix://" + flaky.socket);
    assertThat(host.get("q", "VolumeDriver").discovered().address()).isEqualTo(
        new dev.hangar.protocol.PluginAddress.Unix(flaky.socket));
  }

  @Test
  void concurrentGetsWaitForOneActivation() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    UnixPluginServer server = fx.track(UnixPluginServer.start(fx.sockets.resolve("slow.sock"),
        m -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Reply.ok("{\"Implements\":[\"VolumeDriver\"]}");
        }));
    PluginHost host = fx.host();
    int n = 8;
    List<Thread> threads = new ArrayList<>();
    List<Future<SocketPlugin>> results = new ArrayList<>();
    try (ExecutorService exec = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r);
      threads.add(t);
      return t;
    })) {
      for (int i = 0; i < n; i++) {
        results.add(exec.submit(() -> host.get("slow", "VolumeDriver")));
      }
      // all but the activating thread park waiting for its outcome
      Polling.until(() -> server.activations() == 1 && threads.size() == n
          && threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() >= n - 1);
      release.countDown();
      SocketPlugin first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<SocketPlugin> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
    }
    assertThat(server.activations()).isEqualTo(1);
  }

  @PluginInterface("VolumeDriver")
  interface Volumes {
    @WireMethod("VolumeDriver.List")
    Map<String, Object> list(Map<String, Object> empty);
  }

  @PluginInterface("authz")
  interface Authz {
    @WireMethod("AuthZPlugin.AuthZReq")
    Map<String, Object> req(Map<String, Object> r);
  }

  @Test
  void aTypedProxyRequiresTheInterfacesCapability() {
    UnixPluginServer server = fx.track(UnixPluginServer.start(fx.sockets.resolve("vol.sock"),
        m -> Reply.ok(m.equals("Plugin.Activate") ? "{\"Implements\":[\"VolumeDriver\"]}"
            : "{\"Volumes\":[{\"Name\":\"v1\"}]}")));
    PluginHost host = fx.host();
    Volumes v = host.get("vol", Volumes.class);
    assertThat(v.list(Map.of())).containsKey("Volumes");
    assertThat(server.methods()).containsExactly("Plugin.Activate", "VolumeDriver.List");
    assertThatThrownBy(() -> host.get("vol", Authz.class))
        .hasMessageContaining("does not implement authz");
    assertThatThrownBy(() -> host.get("vol", Runnable.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAreValidatedAndMissingPluginsAreNotFound() {
    PluginHost host = fx.host();
    assertThatThrownBy(() -> host.get("../x", "VolumeDriver"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLUGIN_NAME));
    assertThatThrownBy(() -> host.get("nope", "VolumeDriver"))
        .isInstanceOf(PluginNotFoundException.class).hasMessage("plugin nope not found");
    assertThat(fx.clock.sleeps()).isEmpty();
  }

  @Test
  void findDoesNotActivate() {
    UnixPluginServer server = fx.plugin("vol", "VolumeDriver");
    PluginHost host = fx.host();
    assertThat(host.find("vol")).hasValueSatisfying(
        d -> assertThat(d.source()).isEqualTo(server.socket));
    assertThat(host.find("other")).isEmpty();
    assertThat(host.scan().plugins()).extracting(DiscoveredPlugin::name).containsExactly("vol");
    assertThat(server.activations()).isEqualTo(0);
  }

  @Test
  void closeIsIdempotentClosesClientsAndStopsGets() {
    fx.plugin("a", "VolumeDriver");
    fx.plugin("b", "VolumeDriver");
    PluginHost host = fx.host();
    SocketPlugin a = host.get("a", "VolumeDriver");
    host.get("b", "VolumeDriver");
    host.close();
    host.close();
    assertThat(fx.factory.closed).hasValue(fx.factory.created.get());
    assertThat(a.state()).isEqualTo(PluginState.CLOSED);
    assertThatThrownBy(() -> host.get("a", "VolumeDriver"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> a.client().call("VolumeDriver.List", Map.of(), Map.class))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(host::list).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theActivationTimeoutMustBePositive() {
    assertThatThrownBy(() -> PluginHost.builder().activationTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
