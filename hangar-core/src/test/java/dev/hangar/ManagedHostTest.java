package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.managed.MiniPackages;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.client.CallOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managed plugins in the host's lookups (moby's Store.Get / GetAllByCap rules), with runc. */
class ManagedHostTest {
  @TempDir Path tmp;
  private Path published;
  private PluginHost host;

  @BeforeEach
  void build() throws Exception {
    MiniPackages.assumeRuntime();
    published = Files.createDirectories(tmp.resolve("published"));
    host = PluginHost.builder()
        .dirs(new DiscoveryDirs(List.of(Files.createDirectories(tmp.resolve("sockets"))),
            List.of(tmp.resolve("specs"))))
        .pluginDirs(List.of(tmp.resolve("plugins"))).execDirs(List.of(tmp.resolve("exec")))
        .managed(ManagedSettings.defaults(tmp.resolve("root")).withPublishSockets(published)
            .withStopGrace(Duration.ofSeconds(2)))
        .build();
  }

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
      host.close(); // idempotent
    }
    assertThat(MiniPackages.miniProcesses()).isEmpty();
  }

  private ManagedPlugins managed() {
    return host.managed().orElseThrow();
  }

  private void createAndEnable(String name) throws Exception {
    managed().create(name, MiniPackages.write(Files.createTempDirectory(tmp, "pkg"),
        MiniPackages.config()));
    managed().enable(name, Duration.ZERO);
  }

  @Test
  void anEnabledManagedPluginIsFoundByNameAndCapabilityAndHeldUntilTheHostCloses()
      throws Exception {
    createAndEnable("mini");
    SocketPlugin p = host.get("mini", "VolumeDriver");
    assertThat(p.name()).isEqualTo("mini:latest");
    assertThat(p.discovered().kind()).isEqualTo(DiscoveredPlugin.Kind.MANAGED);
    assertThat(new String(p.client().callRaw("Mini.Env", null, CallOptions.DEFAULT),
        StandardCharsets.UTF_8)).isEqualTo("\"hello\"\n");
    assertThat(host.get("mini:latest", "volumedriver").name()).isEqualTo("mini:latest");
    assertThatThrownBy(() -> managed().disable("mini", false))
        .hasMessage("plugin mini:latest is in use");
    assertThat(host.getAll("VolumeDriver").plugins()).extracting(SocketPlugin::name)
        .containsExactly("mini:latest");
    managed().disable("mini", true);
  }

  @Test
  void aManagedPluginWithoutTheCapabilityOrDisabledIsRefusedWithMobysWords() throws Exception {
    createAndEnable("mini");
    assertThatThrownBy(() -> host.get("mini", "NetworkDriver"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CAPABILITY_NOT_IMPLEMENTED))
        .hasMessageContaining("does not provide \"networkdriver\" capability");
    managed().create("off", MiniPackages.write(Files.createTempDirectory(tmp, "pkg"),
        MiniPackages.config()));
    assertThatThrownBy(() -> host.get("off", "VolumeDriver"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_DISABLED))
        .hasMessage("plugin off:latest found but disabled");
  }

  @Test
  void aPublishedSocketIsFoundByLegacyDiscoveryByName() throws Exception {
    createAndEnable("mini");
    assertThat(published.resolve("mini.sock")).isSymbolicLink();
    try (PluginHost legacy = PluginHost.builder()
        .dirs(new DiscoveryDirs(List.of(published), List.of(tmp.resolve("none"))))
        .pluginDirs(List.of(tmp.resolve("plugins"))).execDirs(List.of(tmp.resolve("exec")))
        .build()) {
      SocketPlugin p = legacy.get("mini", "VolumeDriver");
      assertThat(p.discovered().kind()).isEqualTo(DiscoveredPlugin.Kind.SOCKET);
      assertThat(p.implementsList()).containsExactly("VolumeDriver");
    }
    managed().disable("mini", false);
    assertThat(published.resolve("mini.sock")).doesNotExist();
  }
}
