package dev.hangar.testkit;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportTest {
  @Test
  void manualClockAdvancesOnlyWhenTold() {
    ManualClock c = new ManualClock();
    long t0 = c.nanoTime();
    c.sleep(ofSeconds(1));
    c.sleep(ofSeconds(2));
    c.advance(Duration.ofMillis(5));
    assertThat(c.sleeps()).containsExactly(ofSeconds(1), ofSeconds(2));
    assertThat(c.nanoTime() - t0).isEqualTo(3_005_000_000L);
    assertThat(c.elapsed()).isEqualTo(Duration.ofMillis(3005));
  }

  @Test
  void patternStreamIsDeterministicInBulkAndByByte() throws IOException {
    long n = 200_000;
    byte[] bulk = new PatternStream(n).readAllBytes();
    assertThat(bulk).hasSize((int) n);
    for (long i = 0; i < n; i += 997) {
      assertThat(bulk[(int) i]).isEqualTo(PatternStream.at(i));
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bulk);
    assertThat(crc.getValue()).isEqualTo(PatternStream.crc32(n));
  }

  @Test
  void testPkiWritesAVerifiableChain(@TempDir Path dir) throws IOException {
    TestPki pki = TestPki.create(dir);
    assertThat(Files.readString(pki.serverKey())).contains("BEGIN PRIVATE KEY");
    assertThat(Files.readString(pki.clientKey())).contains("BEGIN RSA PRIVATE KEY");
    TestPki.openssl(dir, "verify", "-CAfile", "ca.pem", "server.pem", "client.pem");
    Process p = new ProcessBuilder("openssl", "x509", "-in", "server.pem", "-noout", "-ext",
        "subjectAltName").directory(dir.toFile()).start();
    String san = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(san).contains("DNS:localhost").contains("IP Address:127.0.0.1");
  }
}
