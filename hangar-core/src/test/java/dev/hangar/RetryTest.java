package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.testkit.ShortTempDir;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Docker's backoff on an injected clock: nothing here really sleeps. */
class RetryTest {
  private static final Duration S1 = Duration.ofSeconds(1);
  private static final Duration S2 = Duration.ofSeconds(2);
  private static final Duration S4 = Duration.ofSeconds(4);
  private static final Duration S8 = Duration.ofSeconds(8);
  private final HostFixture fx = new HostFixture();

  @AfterEach
  void cleanUp() throws Exception {
    fx.close();
  }

  @Test
  void aPluginThatAppearsAfterTheThirdLookupIsFound() {
    fx.onSleep(n -> {
      if (n == 2) {
        fx.plugin("late", "VolumeDriver");
      }
    });
    PluginHost host = fx.host(Duration.ofSeconds(15));
    assertThat(host.get("late", "VolumeDriver").state()).isEqualTo(PluginState.ACTIVE);
    assertThat(fx.clock.sleeps()).containsExactly(S1, S2);
  }

  @Test
  void aMissingPluginIsRetriedForFifteenSecondsAsDocker() {
    PluginHost host = fx.host(Duration.ofSeconds(15));
    assertThatThrownBy(() -> host.get("never", "VolumeDriver"))
        .isInstanceOf(PluginNotFoundException.class);
    assertThat(fx.clock.sleeps()).containsExactly(S1, S2, S4, S8);
  }

  @Test
  void aZeroDeadlineMeansOneAttempt() {
    PluginHost host = fx.host(Duration.ZERO);
    assertThatThrownBy(() -> host.get("never", "VolumeDriver"))
        .isInstanceOf(PluginNotFoundException.class);
    assertThat(fx.clock.sleeps()).isEmpty();
  }

  @Test
  void anUnreachableSocketIsRetriedUntilThePluginListens() {
    ShortTempDir.deadSocket(fx.sockets.resolve("slow.sock"));
    fx.onSleep(n -> {
      if (n == 2) {
        fx.plugin("slow", "VolumeDriver");
      }
    });
    PluginHost host = fx.host(Duration.ofSeconds(15));
    assertThat(host.get("slow", "VolumeDriver").state()).isEqualTo(PluginState.ACTIVE);
    assertThat(fx.clock.sleeps()).containsExactly(S1, S2);
  }

  @Test
  void lookupAndConnectShareOneDeadline() {
    // missing for two lookups, then present but refusing connections until the end
    fx.onSleep(n -> {
      if (n == 2) {
        ShortTempDir.deadSocket(fx.sockets.resolve("p.sock"));
      }
    });
    PluginHost host = fx.host(Duration.ofSeconds(15));
    assertThatThrownBy(() -> host.get("p", "VolumeDriver"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_UNREACHABLE));
    assertThat(fx.clock.sleeps()).containsExactly(S1, S2, S4, S8);
  }

  @Test
  void aBadSpecFileFailsAtOnce() {
    fx.spec("p.spec", "ftp://x:1");
    PluginHost host = fx.host(Duration.ofSeconds(15));
    assertThatThrownBy(() -> host.get("p", "VolumeDriver"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SPEC_INVALID));
    assertThat(fx.clock.sleeps()).isEmpty();
  }
}
