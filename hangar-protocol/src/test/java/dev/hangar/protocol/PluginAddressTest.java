package dev.hangar.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PluginAddressTest {

  @Test
  void parsesEveryAcceptedForm() {
    assertThat(PluginAddress.parse(" unix:///run/x.sock\n", null))
        .isEqualTo(new PluginAddress.Unix(Path.of("/run/x.sock")));
    assertThat(PluginAddress.parse("tcp://127.0.0.1:8080", null))
        .isEqualTo(new PluginAddress.Tcp("127.0.0.1", 8080, null));
    assertThat(PluginAddress.parse("http://example.com", null))
        .isEqualTo(new PluginAddress.Tcp("example.com", 80, null));
    assertThat(PluginAddress.parse("https://example.com", null))
        .isEqualTo(new PluginAddress.Tcp("example.com", 443, TlsSettings.SYSTEM));
    assertThat(PluginAddress.parse("tcp://[::1]:9000", null))
        .isEqualTo(new PluginAddress.Tcp("::1", 9000, null));
  }

  @Test
  void ignoresThePathOfATcpUrlAsDockerDoes() {
    assertThat(PluginAddress.parse("tcp://localhost:1234/some/path", null).url())
        .isEqualTo("tcp://localhost:1234");
  }

  @Test
  void usesTlsOnlyForHttpsAsDockerDoes() {
    TlsSettings tls = new TlsSettings(Path.of("/ca.pem"), null, null, false);
    assertThat(PluginAddress.parse("https://h:1", tls)).isEqualTo(new PluginAddress.Tcp("h", 1, tls));
    assertThat(PluginAddress.parse("tcp://h:1", tls)).isEqualTo(new PluginAddress.Tcp("h", 1, null));
  }

  @Test
  void urlRoundTrips() {
    for (String url : new String[] {"unix:///a/b.sock", "tcp://h:1", "https://h:443",
        "tcp://[::1]:2"}) {
      assertThat(PluginAddress.parse(url, null).url()).isEqualTo(url);
    }
  }

  @Test
  void refusesBadUrlsSayingWhatIsWrong() {
    String[][] cases = {
        {"", "empty"},
        {"   ", "empty"},
        {"unix://var/run/x.sock", "two slashes"},
        {"unix://", "not a URL"},
        {"unix:", "not a URL"},
        {"gopher://h:70", "unknown scheme 'gopher'"},
        {"/just/a/path", "no scheme"},
        {"tcp://h", "no port"},
        {"tcp://:80", "no host"},
        {"http://h:99999", "port out of range: 99999"},
        {"tcp://h :1", "not a URL"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> PluginAddress.parse(c[0], null))
          .as("'" + c[0] + "'")
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void unixPathsLongerThanTheJdkCanUseAreRefusedAtTheBoundary() {
    String base = "/tmp/";
    Path longest = Path.of(base + "x".repeat(Wire.MAX_UNIX_PATH_BYTES - base.length()));
    assertThat(new PluginAddress.Unix(longest).socket()).isEqualTo(longest);
    Path tooLong = Path.of(longest + "y");
    assertThatThrownBy(() -> new PluginAddress.Unix(tooLong))
        .hasMessageContaining("too long (107 bytes, the limit is 106)");
  }

  @Test
  void relativeUnixPathsAreRefused() {
    assertThatThrownBy(() -> new PluginAddress.Unix(Path.of("x.sock")))
        .hasMessageContaining("absolute");
  }
}
