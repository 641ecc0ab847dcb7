package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.testkit.ShortTempDir;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.SpecFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetAllAndListTest {
  private final HostFixture fx = new HostFixture();
  private UnixPluginServer vol;
  private Path badSpec;
  private Path dead;

  @BeforeEach
  void plugins() {
    vol = fx.plugin("vol", "VolumeDriver");
    fx.plugin("az", "authz");
    fx.track(UnixPluginServer.start(fx.root.resolve("other.sock"), "VolumeDriver", "authz"));
    fx.spec("both.spec", "unix://" + fx.root.resolve("other.sock"));
    dead = ShortTempDir.deadSocket(fx.sockets.resolve("dead.sock"));
    badSpec = fx.spec("bad.spec", "unix://relative/x.sock");
  }

  @AfterEach
  void cleanUp() throws Exception {
    fx.close();
  }

  @Test
  void getAllReturnsThePluginsWithTheCapabilityAndReportsFailuresPerPlugin() {
    PluginHost host = fx.host(Duration.ofSeconds(15));
    GetAllResult r = host.getAll("VolumeDriver");
    assertThat(r.plugins()).extracting(SocketPlugin::name).containsExactly("both", "vol");
    assertThat(r.failures()).containsOnlyKeys("dead");
    assertThat(r.failures().get("dead").code()).isEqualTo(ErrorCode.PLUGIN_UNREACHABLE);
    assertThat(r.problems()).singleElement()
        .satisfies(e -> assertThat(e.file()).isEqualTo(badSpec));
    assertThat(fx.clock.sleeps()).as("getAll never retries").isEmpty();
  }

  @Test
  void getAllReusesActivePlugins() {
    PluginHost host = fx.host();
    SocketPlugin v = host.get("vol", "VolumeDriver");
    assertThat(host.getAll("VolumeDriver").plugins()).contains(v);
    assertThat(host.getAll("authz").plugins()).extracting(SocketPlugin::name)
        .containsExactly("az", "both");
    assertThat(vol.activations()).isEqualTo(1);
  }

  @Test
  void listShowsEveryPluginWithItsStateAndEveryBadFileAsFailed() {
    PluginHost host = fx.host(Duration.ofSeconds(15));
    List<PluginInfo> infos = host.list();
    assertThat(infos).extracting(PluginInfo::name)
        .containsExactly("az", "bad", "both", "dead", "vol");
    PluginInfo v = infos.get(4);
    assertThat(v).isEqualTo(new PluginInfo("vol", "socket", "unix://" + vol.socket,
        List.of("VolumeDriver"), PluginState.ACTIVE, null, vol.socket));
    PluginInfo bad = infos.get(1);
    assertThat(bad.state()).isEqualTo(PluginState.FAILED);
    assertThat(bad.address()).isNull();
    assertThat(bad.source()).isEqualTo(badSpec);
    assertThat(bad.error()).contains(badSpec.toString()).contains("two slashes");
    PluginInfo d = infos.get(3);
    assertThat(d.state()).isEqualTo(PluginState.FAILED);
    assertThat(d.address()).isEqualTo("unix://" + dead);
    assertThat(d.errorText()).hasValueSatisfying(t -> assertThat(t).contains("dead"));
    assertThat(infos.get(2).implementsList()).containsExactly("VolumeDriver", "authz");
    assertThat(fx.clock.sleeps()).isEmpty();
  }

  @Test
  void aFailureInGetAllIsNotCached() {
    PluginHost host = fx.host();
    assertThat(host.getAll("VolumeDriver").failures()).containsKey("dead");
    fx.plugin("dead", "VolumeDriver");
    GetAllResult r = host.getAll("VolumeDriver");
    assertThat(r.failures()).isEmpty();
    assertThat(r.plugins()).extracting(SocketPlugin::name).containsExactly("both", "dead", "vol");
  }

  @Test
  void failuresAreHangarExceptions() {
    PluginHost host = fx.host();
    HangarException e = host.getAll("authz").failures().get("dead");
    assertThat(e.getMessage()).contains("dead");
  }

  @Test
  void inspectActivatesOnePluginAndReportsAFailureInTheSnapshot() {
    PluginHost host = fx.host(Duration.ofSeconds(15));
    PluginInfo v = host.inspect("vol");
    assertThat(v.state()).isEqualTo(PluginState.ACTIVE);
    assertThat(v.implementsList()).containsExactly("VolumeDriver");
    assertThat(v.source()).isEqualTo(vol.socket);
    PluginInfo d = host.inspect("dead");
    assertThat(d.state()).isEqualTo(PluginState.FAILED);
    assertThat(d.error()).contains("dead");
    assertThatThrownBy(() -> host.inspect("bad")).isInstanceOf(SpecFileException.class);
    assertThatThrownBy(() -> host.inspect("nope")).isInstanceOf(PluginNotFoundException.class);
    assertThat(fx.clock.sleeps()).isEmpty();
  }

  @Test
  void activateTakesAPluginWhateverItImplements() {
    PluginHost host = fx.host();
    assertThat(host.activate("az").implementsList()).containsExactly("authz");
    assertThatThrownBy(() -> host.activate("dead")).isInstanceOfSatisfying(HangarException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_UNREACHABLE));
  }
}
