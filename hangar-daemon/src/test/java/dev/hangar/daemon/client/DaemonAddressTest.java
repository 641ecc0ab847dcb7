package dev.hangar.daemon.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonAddressTest {
  private static final Path ROOT = Path.of("/var/lib/hangar");

  @Test
  void theOptionWinsOverTheEnvironmentWhichWinsOverTheRootsSocket() {
    Map<String, String> env = Map.of("HANGAR_HOST", "tcp://h:1");
    assertThat(DaemonAddress.resolve(Optional.of("unix:///s.sock"), env, ROOT))
        .isEqualTo(new DaemonAddress.Unix(Path.of("/s.sock"), true));
    assertThat(DaemonAddress.resolve(Optional.empty(), env, ROOT))
        .isEqualTo(new DaemonAddress.Tcp("h", 1, true));
    DaemonAddress d = DaemonAddress.resolve(Optional.of(" "), Map.of("HANGAR_HOST", ""), ROOT);
    assertThat(d).isEqualTo(new DaemonAddress.Unix(ROOT.resolve("hangar.sock"), false));
    assertThat(d.explicit()).isFalse();
    assertThat(d.uri().toString()).isEqualTo("unix:///var/lib/hangar/hangar.sock");
  }

  @Test
  void tcpAddressesTakeDockersDefaultPorts() {
    assertThat(DaemonAddress.parse("tcp://h", true, false))
        .isEqualTo(new DaemonAddress.Tcp("h", 2375, true));
    assertThat(DaemonAddress.parse("tcp://h/", true, true))
        .isEqualTo(new DaemonAddress.Tcp("h", 2376, true));
    DaemonAddress v6 = DaemonAddress.parse("TCP://[::1]:9", false, true);
    assertThat(v6).isEqualTo(new DaemonAddress.Tcp("::1", 9, false));
    assertThat(v6.toString()).isEqualTo("tcp://[::1]:9");
  }

  @Test
  void malformedAddressesAreUsageErrorsNamingThem() {
    for (String bad : new String[] {"http://x", "unix://rel.sock", "tcp://h:99999", "tcp://",
        "tcp://h:x", "/abs.sock", "tcp://a:b:c"}) {
      assertThatThrownBy(() -> DaemonAddress.parse(bad, true, false)).as(bad)
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
          .hasMessageStartingWith("invalid daemon address \"" + bad + "\": ");
    }
  }
}
