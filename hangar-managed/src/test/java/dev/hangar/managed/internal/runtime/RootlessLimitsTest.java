package dev.hangar.managed.internal.runtime;

import static dev.hangar.managed.internal.runtime.OciSpecTest.PROPAGATED;
import static dev.hangar.managed.internal.runtime.OciSpecTest.ROOTFS;
import static dev.hangar.managed.internal.runtime.OciSpecTest.RUNTIME_DIR;
import static dev.hangar.managed.internal.runtime.OciSpecTest.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** What a rootless spec refuses to build, rather than leaving a granted privilege out. */
class RootlessLimitsTest {
  private static final Predicate<Path> USABLE = p -> true;

  @Test
  void allowAllDevicesIsRefusedRootlessAndKeptAsRoot() {
    Configs c = with(cf -> cf.allowAllDevices = true);
    refused(c, USABLE).hasMessageContaining("privilege allow-all-devices")
        .hasMessageContaining("device cgroup");
    assertThat(spec(c, Optional.empty()).at("/linux/resources/devices/0/access").asText())
        .isEqualTo("rwm");
  }

  @Test
  void capabilitiesBeyondDockersDefaultsAreRefusedRootlessNamingThem() {
    Configs c = with(cf -> cf.capabilities.addAll(List.of("CAP_CHOWN", "CAP_SYS_ADMIN",
        "CAP_NET_ADMIN")));
    refused(c, USABLE).hasMessageContaining("privilege capabilities [CAP_SYS_ADMIN, CAP_NET_ADMIN]")
        .hasMessageContaining("user namespace");
    assertThat(OciSpecTest.strings(spec(c, Optional.empty())
        .at("/process/capabilities/effective"))).contains("CAP_SYS_ADMIN", "CAP_NET_ADMIN");
  }

  @Test
  void aCapabilityOfDockersDefaultSetIsNotRefusedRootless() {
    Configs c = with(cf -> cf.capabilities.add("CAP_NET_BIND_SERVICE"));
    assertThat(spec(c, Optional.of(USABLE)).at("/linux/uidMappings").size()).isEqualTo(1);
  }

  @Test
  void aDeviceTheUserCannotReadAndWriteIsRefusedRootlessNamingTheNode() {
    Configs c = with(cf -> cf.devices.add(Configs.device("null", "/dev/null")));
    refused(c, p -> !p.equals(Path.of("/dev/null"))).hasMessageContaining("privilege device "
        + "/dev/null").hasMessageContaining("uid " + HostIds.euid())
        .hasMessageContaining("device null");
    ObjectNode usable = spec(c, Optional.of(USABLE));
    assertThat(usable.at("/linux/devices/0/path").asText()).isEqualTo("/dev/null");
  }

  @Test
  void everyNodeOfADeviceDirectoryIsChecked() {
    Configs c = with(cf -> cf.devices.add(Configs.device("all", "/dev")));
    refused(c, p -> !p.equals(Path.of("/dev/zero"))).hasMessageContaining("/dev/zero");
  }

  @Test
  void hostNamespacesAndMountsAreGivenRootless() {
    Configs c = with(cf -> {
      cf.network = "host";
      cf.pidHost = true;
      cf.ipcHost = true;
    }).mount("data", "/var/lib/data", "/data", "rbind");
    ObjectNode s = spec(c, Optional.of(p -> false));
    assertThat(OciSpecTest.namespaces(s)).containsExactly("mount", "uts", "user");
    assertThat(OciSpecTest.destinations(s)).contains("/data");
  }

  @Test
  void theRealAccessCheckLetsThisUserUseDevNull() {
    PluginConfig c = with(cf -> cf.devices.add(Configs.device("null", "/dev/null"))).build();
    ObjectNode s = OciSpec.build(c, PluginSettings.initial(c), ROOTFS, RUNTIME_DIR,
        Optional.of(PROPAGATED), true);
    assertThat(s.at("/linux/devices/0/path").asText()).isEqualTo("/dev/null");
  }

  private static ObjectNode spec(Configs config, Optional<Predicate<Path>> rootlessAccess) {
    PluginConfig c = config.build();
    return OciSpec.build(c, PluginSettings.initial(c), ROOTFS, RUNTIME_DIR,
        Optional.of(PROPAGATED), rootlessAccess);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(Configs config,
      Predicate<Path> access) {
    return assertThatThrownBy(() -> spec(config, Optional.of(access)))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_START_FAILED))
        .hasMessageStartingWith("a rootless daemon cannot grant the privilege ")
        .hasMessageEndingWith("(run the daemon as root to grant it)");
  }
}
