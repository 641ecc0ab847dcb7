package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.volume.CapabilitiesRequest;
import dev.hangar.protocol.volume.CapabilitiesResponse;
import dev.hangar.protocol.volume.CreateRequest;
import dev.hangar.protocol.volume.GetRequest;
import dev.hangar.protocol.volume.GetResponse;
import dev.hangar.protocol.volume.ListRequest;
import dev.hangar.protocol.volume.ListResponse;
import dev.hangar.protocol.volume.MountRequest;
import dev.hangar.protocol.volume.MountResponse;
import dev.hangar.protocol.volume.PathRequest;
import dev.hangar.protocol.volume.PathResponse;
import dev.hangar.protocol.volume.RemoveRequest;
import dev.hangar.protocol.volume.UnmountRequest;
import dev.hangar.protocol.volume.Volume;
import dev.hangar.protocol.volume.VolumeDriver;
import dev.hangar.sdk.PluginServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** End to end: plugins served by the SDK, reached through the real client. */
class SdkPluginTest {
  /** Short: the host's idle keep-alive connections would otherwise hold close() up. */
  private static final Duration GRACE = Duration.ofMillis(100);
  private final HostFixture fx = new HostFixture();

  @AfterEach
  void cleanUp() throws Exception {
    fx.close();
  }

  /** Volumes are names in a set, mounted under /mnt. */
  static final class MemoryVolumes implements VolumeDriver {
    final ConcurrentSkipListSet<String> names = new ConcurrentSkipListSet<>();

    @Override
    public void create(CreateRequest r) {
      names.add(r.name());
    }

    @Override
    public void remove(RemoveRequest r) {
      names.remove(r.name());
    }

    @Override
    public MountResponse mount(MountRequest r) {
      return new MountResponse("/mnt/" + r.name());
    }

    @Override
    public void unmount(UnmountRequest r) {}

    @Override
    public PathResponse path(PathRequest r) {
      return new PathResponse("/mnt/" + r.name());
    }

    @Override
    public GetResponse get(GetRequest r) {
      throw new IllegalArgumentException("no volume " + r.name());
    }

    @Override
    public ListResponse list(ListRequest r) {
      return new ListResponse(names.stream().map(n -> new Volume(n, "/mnt/" + n, null, null))
          .toList());
    }

    @Override
    public CapabilitiesResponse capabilities(CapabilitiesRequest r) {
      return CapabilitiesResponse.scope("local");
    }
  }

  private PluginServer serve(Path socket, String... extra) {
    PluginServer.Builder b = PluginServer.builder().serve(VolumeDriver.class, new MemoryVolumes())
        .unixSocket(socket).gracePeriod(GRACE);
    for (String c : extra) {
      b.implement(c);
    }
    return fx.track(b.start());
  }

  private static List<String> names(VolumeDriver v) {
    return v.list(new ListRequest()).volumes().stream().map(Volume::name).toList();
  }

  @Test
  void aTypedVolumeDriverSurvivesAPluginRestartAndHandlersSeeIt() {
    Path socket = fx.sockets.resolve("vol.sock");
    PluginServer first = serve(socket);
    PluginHost host = fx.host();
    List<String> seen = new CopyOnWriteArrayList<>();
    host.handle("VolumeDriver", p -> seen.add(p.name() + " " + p.implementsList()));

    VolumeDriver vol = host.get("vol", VolumeDriver.class);
    vol.create(new CreateRequest("v1", Map.of()));
    assertThat(names(vol)).containsExactly("v1");
    assertThatThrownBy(() -> vol.get(new GetRequest("zz"))).hasMessageContaining("no volume zz");

    first.close(); // the process stops, its socket is removed
    assertThatThrownBy(() -> names(vol)).isInstanceOf(HangarException.class);
    assertThatThrownBy(() -> host.get("vol", "VolumeDriver")).as("not back yet")
        .isInstanceOf(HangarException.class).hasMessageContaining("vol");

    serve(socket, "authz"); // a new process on the same path, with fresh state
    assertThat(names(vol)).isEmpty();
    assertThat(host.get("vol", "authz").implementsList()).containsExactly("VolumeDriver", "authz");
    assertThat(seen).containsExactly("vol [VolumeDriver]", "vol [VolumeDriver, authz]");
  }

  @Test
  void aTcpPluginIsFoundThroughTheSpecFileItWrote() {
    PluginServer tcp = fx.track(PluginServer.builder()
        .serve(VolumeDriver.class, new MemoryVolumes()).tcp("127.0.0.1", 0).gracePeriod(GRACE).start());
    Path spec = tcp.writeSpec(fx.specs, "tcpvol");
    PluginHost host = fx.host();
    SocketPlugin p = host.get("tcpvol", "VolumeDriver");
    assertThat(p.discovered().source()).isEqualTo(spec);
    assertThat(p.discovered().kind()).isEqualTo(DiscoveredPlugin.Kind.SPEC);
    assertThat(p.address()).isEqualTo(tcp.address());
    VolumeDriver v = p.client().proxy(VolumeDriver.class);
    v.create(new CreateRequest("a", null));
    assertThat(names(v)).containsExactly("a");
    assertThat(host.list()).singleElement().satisfies(i -> {
      assertThat(i.state()).isEqualTo(PluginState.ACTIVE);
      assertThat(i.address()).isEqualTo(tcp.address().url());
    });
  }
}
