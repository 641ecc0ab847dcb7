package dev.hangar.internal.discovery;

import static dev.hangar.testkit.ShortTempDir.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.testkit.ShortTempDir;

import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.TlsSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSpecTest {
  @TempDir Path dir;

  @Test
  void keysMatchCaseInsensitivelyAndUnknownKeysAndNameAreIgnored() {
    write(dir.resolve("ca.pem"), "ca");
    Path f = write(dir.resolve("p.json"), """
        {"name": "other", "ADDR": "https://example.com:8443", "Extra": [1, 2],
         "tlsconfig": {"cafile": "ca.pem", "INSECURESKIPVERIFY": true,
                       "ExclusiveRootPools": true, "MinVersion": 771}}""");
    PluginAddress a = SpecFiles.readJson(f);
    assertThat(a).isEqualTo(new PluginAddress.Tcp("example.com", 8443,
        new TlsSettings(dir.resolve("ca.pem"), null, null, true)));
  }

  @Test
  void relativeTlsPathsResolveAgainstTheJsonFilesDirectory() {
    write(dir.resolve("tls/ca.pem"), "ca");
    write(dir.resolve("tls/cert.pem"), "cert");
    Path key = write(dir.resolve("key.pem"), "key");
    Path f = write(dir.resolve("sub/p.json"), """
        {"Addr": "https://h:1", "TLSConfig": {"CAFile": "../tls/ca.pem",
         "CertFile": "../tls/cert.pem", "KeyFile": "%s"}}""".formatted(key));
    PluginAddress.Tcp a = (PluginAddress.Tcp) SpecFiles.readJson(f);
    TlsSettings tls = a.tlsSettings().orElseThrow();
    assertThat(tls.caFile()).isEqualTo(dir.resolve("tls/ca.pem"));
    assertThat(tls.certFile()).isEqualTo(dir.resolve("tls/cert.pem"));
    assertThat(tls.keyFile()).isEqualTo(key);
    assertThat(tls.insecureSkipVerify()).isFalse();
  }

  @Test
  void aTlsConfigWithoutCaFileVerifiesAgainstTheSystemTrustStore() {
    Path f = write(dir.resolve("p.json"), "{\"Addr\":\"https://h:1\",\"TLSConfig\":{\"CAFile\":\"\"}}");
    TlsSettings tls = ((PluginAddress.Tcp) SpecFiles.readJson(f)).tlsSettings().orElseThrow();
    assertThat(tls.ca()).isEmpty();
    assertThat(tls.insecureSkipVerify()).isFalse(); // Docker would skip verification here
  }

  @Test
  void withoutTlsConfigHttpsUsesTheSystemDefaults() {
    Path f = write(dir.resolve("p.json"), "{\"Addr\":\"https://h:1\",\"TLSConfig\":null}");
    assertThat(SpecFiles.readJson(f)).isEqualTo(new PluginAddress.Tcp("h", 1, TlsSettings.SYSTEM));
  }

  @Test
  void plainAddressesIgnoreTlsConfigAsDockerDoes() {
    write(dir.resolve("ca.pem"), "ca");
    Path tcp = write(dir.resolve("t.json"),
        "{\"Addr\":\"tcp://h:2\",\"TLSConfig\":{\"CAFile\":\"ca.pem\"}}");
    assertThat(SpecFiles.readJson(tcp)).isEqualTo(new PluginAddress.Tcp("h", 2, null));
    Path unix = write(dir.resolve("u.json"), "{\"Addr\":\"unix:///run/u.sock\"}");
    assertThat(SpecFiles.readJson(unix)).isEqualTo(new PluginAddress.Unix(Path.of("/run/u.sock")));
  }

  @Test
  void theLastOfSeveralMatchingKeysWinsAsInGo() {
    Path f = write(dir.resolve("p.json"), "{\"Addr\":\"tcp://h:1\",\"addr\":\"tcp://h:2\"}");
    assertThat(SpecFiles.readJson(f)).isEqualTo(new PluginAddress.Tcp("h", 2, null));
  }
}
