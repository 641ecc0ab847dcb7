package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.daemon.DaemonOptions;
import dev.hangar.managed.HealthCheck;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hangar daemon}'s command line, as the {@link DaemonOptions} it builds. */
class DaemonCommandTest {
  @TempDir Path root;

  private DaemonOptions options(String... args) {
    CliContext ctx = new CliContext(new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
        Map.of("HANGAR_ROOT", root.toString()));
    CommandLine cl = HangarCommand.commandLine(ctx);
    CommandLine.ParseResult parsed = cl.parseArgs(args);
    return ((DaemonCommand) parsed.subcommand().commandSpec().userObject()).options();
  }

  @Test
  void defaultsListenOnTheRootsSocketWithDockersTimeouts() {
    DaemonOptions o = options("daemon");
    assertThat(o.hosts()).isEmpty();
    assertThat(o.effectiveHosts()).containsExactly(URI.create("unix://" + root + "/hangar.sock"));
    assertThat(o.tls()).isEmpty();
    assertThat(o.managed().root()).isEqualTo(root);
    assertThat(o.managed().startTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.managed().stopGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.managed().runtime()).isEmpty();
  }

  @Test
  void everyOptionReachesTheSettings() {
    DaemonOptions o = options("daemon", "--runtime", "/usr/bin/crun", "--runtime-dir", "/run/h",
        "--start-timeout", "5s", "--stop-grace", "2s", "--publish-sockets", "/run/sock",
        "--max-package-size", "1g", "--log-max-size", "512k", "--log-max-files", "5",
        "-H", "unix:///tmp/a.sock", "--host", "tcp://0.0.0.0:2376", "--tlsverify",
        "--tlscacert", "/pki/ca.pem", "--tlscert", "/pki/cert.pem", "--tlskey", "/pki/key.pem");
    assertThat(o.hosts()).containsExactly(URI.create("unix:///tmp/a.sock"),
        URI.create("tcp://0.0.0.0:2376"));
    assertThat(o.tls()).contains(new DaemonOptions.Tls(Path.of("/pki/ca.pem"),
        Path.of("/pki/cert.pem"), Path.of("/pki/key.pem")));
    assertThat(o.managed().runtime()).contains(Path.of("/usr/bin/crun"));
    assertThat(o.managed().runtimeDir()).contains(Path.of("/run/h"));
    assertThat(o.managed().startTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.managed().stopGrace()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.managed().publishSockets()).contains(Path.of("/run/sock"));
    assertThat(o.managed().maxPackageBytes()).isEqualTo(1L << 30);
    assertThat(o.managed().logMaxBytes()).isEqualTo(512L << 10);
    assertThat(o.managed().logMaxFiles()).isEqualTo(5);
  }

  @Test
  void healthFlagsReachTheSettingsAndZeroIntervalTurnsProbesOff() {
    assertThat(options("daemon").managed().health()).isEqualTo(HealthCheck.DEFAULT);
    assertThat(options("daemon", "--health-interval", "2s", "--health-timeout", "500ms",
        "--health-retries", "5").managed().health())
        .isEqualTo(new HealthCheck(Duration.ofSeconds(2), Duration.ofMillis(500), 5));
    assertThat(options("daemon", "--health-interval", "0s").managed().health().enabled())
        .isFalse();
    assertThatThrownBy(() -> options("daemon", "--health-retries", "0"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
  }

  @Test
  void tlsNeedsAllThreeFilesAndFilesNeedTlsVerify() {
    for (List<String> args : List.of(List.of("daemon", "--tlsverify", "--tlscacert", "/ca"),
        List.of("daemon", "--tlscert", "/c", "--tlskey", "/k"),
        List.of("daemon", "--tlsverify", "--tlscacert", "/ca", "--tlscert", "/c"))) {
      assertThatThrownBy(() -> options(args.toArray(String[]::new))).as(args.toString())
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
    }
  }

  @Test
  void badValuesAreUsageErrors() {
    for (String[] args : new String[][] {{"daemon", "--start-timeout", "0"},
        {"daemon", "--max-package-size", "10x"}, {"daemon", "--log-max-files", "0"},
        {"daemon", "-H", "udp://x"}}) {
      CliTest.Run r = CliTest.run(root, null, args);
      assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
    }
    assertThat(Optional.of(options("daemon", "--max-package-size", "4096")))
        .map(o -> o.managed().maxPackageBytes()).contains(4096L);
  }
}
