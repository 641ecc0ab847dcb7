package dev.hangar.daemon.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostAddressTest {

  private static HostAddress parse(String s) {
    return HostAddress.parse(URI.create(s));
  }

  @Test
  void unixTakesAnAbsolutePathWithThreeSlashes() {
    assertThat(parse("unix:///run/hangar/api.sock"))
        .isEqualTo(new HostAddress.Unix(Path.of("/run/hangar/api.sock")));
    assertThatThrownBy(() -> parse("unix://run/api.sock"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
        .hasMessageContaining("unix:///absolute/path");
    assertThatThrownBy(() -> parse("unix:///" + "x".repeat(120)))
        .hasMessageContaining("the limit is");
  }

  @Test
  void tcpDefaultsToEveryInterfaceAndPort2376() {
    assertThat(parse("tcp://127.0.0.1:2377")).isEqualTo(new HostAddress.Tcp("127.0.0.1", 2377));
    assertThat(parse("tcp://:2376")).isEqualTo(new HostAddress.Tcp("", 2376));
    assertThat(parse("tcp://localhost")).isEqualTo(new HostAddress.Tcp("localhost", 2376));
    assertThat(parse("tcp://[::1]:9")).isEqualTo(new HostAddress.Tcp("::1", 9));
    assertThat(parse("tcp://[::1]")).isEqualTo(new HostAddress.Tcp("::1", 2376));
  }

  @Test
  void otherAddressesAreUsageErrorsNamingThem() {
    assertThatThrownBy(() -> parse("ssh://h")).hasMessage("bad listener address 'ssh://h': use"
        + " unix:///path or tcp://host:port");
    assertThatThrownBy(() -> parse("tcp://h:x")).hasMessageContaining("bad port 'x'");
    assertThatThrownBy(() -> parse("tcp://h:70000")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> parse("tcp://h:1/path")).hasMessageContaining("no path");
  }
}
