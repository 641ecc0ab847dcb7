package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a host tells its {@link HostObserver}: events of every kind, and every call. */
class HostObserverTest {
  private final HostFixture fx = new HostFixture();
  private final Recorder recorder = new Recorder();

  /** Records what it is told, as strings. */
  static final class Recorder implements HostObserver {
    final List<PluginEvent> events = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> exits = new CopyOnWriteArrayList<>();
    volatile int inFlight;

    @Override
    public void event(PluginEvent event) {
      events.add(event);
    }

    @Override
    public void callStarted(String kind, String plugin, String method) {
      inFlight++;
    }

    @Override
    public void callEnded(String kind, String plugin, String method, String outcome,
        long nanos) {
      inFlight--;
      calls.add(kind + " " + plugin + " " + method + " " + outcome + (nanos > 0 ? "" : " ?"));
    }

    @Override
    public void execExited(String plugin, String method, int status) {
      exits.add(plugin + "." + method + " " + status);
    }

    List<String> events(String kind) {
      return events.stream().filter(e -> e.kind().equals(kind))
          .map(e -> e.action() + " " + e.name()).toList();
    }
  }

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  private PluginHost host(HostObserver o) {
    return PluginHost.builder().dirs(new DiscoveryDirs(List.of(fx.sockets), List.of(fx.specs)))
        .pluginDirs(List.of(fx.root.resolve("plugins")))
        .execDirs(List.of(fx.root.resolve("exec"))).noInstalled().observer(o).build();
  }

  @Test
  void socketCallsAreTimedWithTheirOutcomeAndTheActivationIsAnEvent() {
    try (UnixPluginServer s = UnixPluginServer.start(fx.sockets.resolve("vol.sock"), m ->
            switch (m) {
              case "Plugin.Activate" -> UnixPluginServer.Reply.ok(
                  "{\"Implements\":[\"VolumeDriver\"]}");
              case "VolumeDriver.Fail" -> new UnixPluginServer.Reply(500, "{\"Err\":\"no\"}");
              default -> UnixPluginServer.Reply.ok("{}");
            });
        PluginHost host = host(recorder)) {
      SocketPlugin p = host.get("vol", "VolumeDriver");
      p.client().callRaw("VolumeDriver.List", null,
          dev.hangar.protocol.client.CallOptions.DEFAULT);
      assertThatThrownBy(() -> p.client().callRaw("VolumeDriver.Fail", null,
          dev.hangar.protocol.client.CallOptions.DEFAULT)).isInstanceOf(HangarException.class);

      assertThat(recorder.events(PluginEvent.SOCKET)).containsExactly("found vol",
          "activated vol");
      assertThat(recorder.calls).containsExactly("socket vol VolumeDriver.List ok",
          "socket vol VolumeDriver.Fail PLUGIN_CALL_FAILED");
      assertThat(recorder.inFlight).isZero();
    }
  }

  @Test
  void aFailedActivationIsAFailedEventWithItsReason() {
    try (UnixPluginServer s = UnixPluginServer.start(fx.sockets.resolve("bad.sock"),
            m -> new UnixPluginServer.Reply(500, "{\"Err\":\"not today\"}"));
        PluginHost host = PluginHost.builder()
            .dirs(new DiscoveryDirs(List.of(fx.sockets), List.of(fx.specs))).noInstalled()
            .clientConfig(dev.hangar.protocol.client.ClientConfig.DEFAULT
                .withBackoff(dev.hangar.protocol.client.Backoff.NONE))
            .observer(recorder).build()) {
      assertThatThrownBy(() -> host.activate("bad")).isInstanceOf(HangarException.class);
      assertThat(recorder.events).filteredOn(e -> e.action().equals(PluginEvent.FAILED))
          .singleElement().satisfies(e -> assertThat(e.attributes().get("reason"))
              .contains("not today"));
    }
  }

  @Test
  void execCallsAreTimedAndTellTheirExitStatusAndDeclarationsAreFoundOrRefused()
      throws IOException {
    Path exec = Files.createDirectories(fx.root.resolve("exec"));
    Path script = exec.resolve("t.sh");
    Files.writeString(script, "#!/bin/sh\ncase \"$1\" in\n  ok) printf '20::1\\n' ;;\n"
        + "  *) exit 3 ;;\nesac\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(exec.resolve("t.plugin.toml"), "[plugin.t]\npath = \"t.sh\"\n"
        + "exports = [\"ok\", \"bad\"]\n");
    Files.writeString(exec.resolve("u.plugin.toml"), "[plugin.u]\nexports = [\"x\"]\n");
    try (PluginHost host = host(recorder)) {
      host.exec("t.ok", null);
      assertThatThrownBy(() -> host.exec("t.bad", null)).isInstanceOf(HangarException.class);

      assertThat(recorder.events(PluginEvent.EXEC)).containsExactly("found t", "refused u");
      assertThat(recorder.calls).containsExactly("exec t ok ok", "exec t bad EXEC_FAILED");
      assertThat(recorder.exits).containsExactly("t.ok 0", "t.bad 3");
    }
  }

  @Test
  void jarLoadsRefusalsAndProxyCallsAreTold() throws IOException {
    Path plugins = Files.createDirectories(fx.root.resolve("plugins"));
    JarFixtures.supplier("ok", "greeter", "hi", "\"hello\"")
        .writeTo(plugins.resolve("acme-greeter-plugin-hi.jar"));
    Files.writeString(plugins.resolve("acme-greeter-plugin-broken.jar"), "not a zip");
    try (PluginHost host = host(recorder)) {
      @SuppressWarnings("unchecked")
      Supplier<String> hi = host.jar("greeter", "hi", Supplier.class).orElseThrow();
      assertThat(hi.get()).isEqualTo("hello");

      assertThat(recorder.events(PluginEvent.JAR)).containsExactlyInAnyOrder(
          "loaded greeter/hi", "refused greeter/broken");
      assertThat(recorder.calls).containsExactly("jar greeter/hi get ok");
    }
  }

  @Test
  void anObserverThatThrowsNeverReachesTheCaller() throws IOException {
    HostObserver throwing = new HostObserver() {
      @Override
      public void event(PluginEvent event) {
        throw new IllegalStateException("observer bug");
      }

      @Override
      public void callEnded(String kind, String plugin, String method, String outcome,
          long nanos) {
        throw new IllegalStateException("observer bug");
      }
    };
    try (UnixPluginServer s = UnixPluginServer.start(fx.sockets.resolve("v.sock"),
            "VolumeDriver");
        PluginHost host = host(HostObserver.all(List.of(throwing, recorder)))) {
      host.get("v", "VolumeDriver").client().callRaw("VolumeDriver.List", null,
          dev.hangar.protocol.client.CallOptions.DEFAULT);
      assertThat(recorder.calls).as("all() tells the others").containsExactly(
          "socket v VolumeDriver.List ok");
    }
  }
}
