package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.PluginHost;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A socket plugin (the Go {@code goplugin}, a real process on a unix socket in the host's socket
 * dir) killed with SIGKILL in the middle of calls, round after round (200 by default,
 * {@code -Dhangar.faultRounds}; seeded, {@code -Dhangar.faultSeed}). In each round
 * {@value #CALLERS} threads call it through one {@link PluginHost} (found by name), idempotent
 * and non-idempotent calls mixed; it is killed at a random moment and started again on the same
 * socket after a random pause, as a supervisor would, while the calls go on: mostly within the
 * host's retries, in one round in 10 after they gave up.
 *
 * <p>Every call must end within its budget ({@link FaultHost#BOUND}: its re-activation, its
 * timeouts and the host's retries), succeed or fail with {@code CONNECTION_LOST} or
 * {@code PLUGIN_UNREACHABLE}, and reach the plugin at most once unless idempotent (see
 * {@link FaultChecks}); every caller must succeed again once the plugin is back; and no plugin
 * process may be left. The host runs Docker's retry schedule on a clock
 * {@value FastClock#SPEEDUP} times as fast ({@link FastClock}). Needs Go.
 */
class SocketPluginSigkillTest {
  private static final int CALLERS = 4;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String NAME = "faulty";

  private ShortTempDir tmp;
  private Path sockets;
  private Path data;
  private GoPeer plugin;
  /** Every plugin process started (a Process, not a pid: pids are reused). */
  private final List<GoPeer> started = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    GoPrograms.build();
    tmp = new ShortTempDir();
    sockets = Files.createDirectories(tmp.resolve("sockets"));
    data = Files.createDirectories(tmp.resolve("data"));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (plugin != null) {
      plugin.close();
    }
    tmp.close();
  }

  private void startPlugin() {
    plugin = GoPeer.start("goplugin " + NAME, List.of(GoPrograms.goPlugin().toString(),
        "-dir", sockets.toString(), "-socket", NAME + ".sock", "-data", data.toString()),
        Map.of());
    started.add(plugin);
    plugin.awaitSocket(sockets.resolve(NAME + ".sock"), WAIT);
  }

  @Test
  void callsToASocketPluginKilledWithSigkillEndInTimeAreNotRepeatedAndRecoverWhenItIsBack()
      throws InterruptedException {
    FaultRun run = FaultRun.fromProperties("SocketPluginSigkillTest", 200);
    FaultChecks checks = new FaultChecks(FaultHost.BOUND);
    startPlugin();
    long start = System.nanoTime();
    try (PluginHost host = FaultHost.builder(sockets).noInstalled().build()) {
      PluginClient client = host.get(NAME, "VolumeDriver").client();
      for (int round = 1; round <= run.rounds(); round++) {
        String at = run.at(round);
        Random random = run.random(round);
        FaultCallers callers = FaultCallers.start(run, round, CALLERS, client);
        Thread.sleep(5 + random.nextInt(35));
        plugin.sigkill(WAIT);
        // mostly back within the retries; one round in 10 down for longer than they last
        Thread.sleep(random.nextInt(10) == 0
            ? FaultHost.RETRIES.toMillis() + 50 + random.nextInt(100) : random.nextInt(60));
        startPlugin();
        callers.awaitSuccessSince(System.nanoTime(), WAIT, at);
        List<FaultCall> calls = callers.stop(FaultHost.BOUND.plus(WAIT), at);
        assertThat(checks.round(calls, FaultChecks.drainArrivals(data.resolve("faults.log"))))
            .as("%s: %s", at, checks.summary()).isEmpty();
      }
    }
    plugin.close();
    System.out.println("SocketPluginSigkillTest: " + checks.summary() + "; rounds took "
        + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
    assertThat(started).as("plugin processes left").noneMatch(GoPeer::isAlive);
    assertThat(ProcessHandle.allProcesses().filter(p -> PluginProcesses.cmdline(p.pid())
        .filter(args -> args.contains(sockets.toString())).isPresent()))
        .as("processes serving %s", sockets).isEmpty();
  }
}
