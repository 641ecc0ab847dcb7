package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.PluginHost;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A managed plugin ({@code goplugin} under runc, supervised by a library {@link PluginHost})
 * killed with SIGKILL during calls, round after round (10 by default,
 * {@code -Dhangar.faultRounds}; seeded, {@code -Dhangar.faultSeed}). Its supervisor must start it
 * again after the backoff docs/protocol.md section 13.5 states (100 ms doubling from one exit to
 * the next), not sooner, and it must serve within that backoff plus {@link #START_SLACK}; the
 * calls made meanwhile obey the same rules as {@link SocketPluginSigkillTest}'s, and succeed
 * again once it is back. The 5th exit within 60 s ends a plugin {@code failed}, so it is
 * disabled and enabled again every {@value #KILLS_PER_ENABLE} kills. Needs root, runc and Go.
 */
class ManagedPluginSigkillTest {
  private static final int CALLERS = 2;
  private static final int KILLS_PER_ENABLE = 4;
  /** What a restart may take beyond its backoff: runc's start, the socket, Plugin.Activate. */
  private static final Duration START_SLACK = Duration.ofSeconds(10);
  private static final Duration FIRST_RESTART = Duration.ofMillis(100);

  private ShortTempDir tmp;
  private Path root;

  @BeforeEach
  void setUp() {
    GoPluginRuncTest.assumeRuncAsRoot();
    GoPrograms.build();
    tmp = new ShortTempDir();
    root = tmp.resolve("root");
  }

  @AfterEach
  void tearDown() throws IOException {
    if (tmp != null) {
      tmp.close();
    }
  }

  @Test
  void aManagedPluginKilledWithSigkillIsRestartedAfterItsBackoffAndCallsRecover()
      throws Exception {
    FaultRun run = FaultRun.fromProperties("ManagedPluginSigkillTest", 10);
    FaultChecks checks = new FaultChecks(FaultHost.BOUND);
    // per backoff (ms): when the new process was seen, when every caller succeeded again (ms)
    Map<Long, LongSummaryStatistics> restarted = new TreeMap<>();
    Map<Long, LongSummaryStatistics> recovered = new TreeMap<>();
    long started = System.nanoTime();
    try (PluginHost host = FaultHost.builder(Files.createDirectories(tmp.resolve("sockets")))
        .managed(ManagedSettings.defaults(root).withRuntimeDir(tmp.resolve("rt"))
            .withStopGrace(Duration.ofSeconds(2))).build()) {
      ManagedPlugins managed = host.managed().orElseThrow();
      ManagedPlugin gp = managed.create("gp",
          ManagedPackages.goPlugin().writeDir(tmp.resolve("pkg")));
      managed.enable("gp", Duration.ZERO);
      Path log = root.resolve("managed").resolve(gp.id()).resolve("rootfs/data/faults.log");
      PluginClient client = host.get("gp", "VolumeDriver").client();
      int kills = 0;
      for (int round = 1; round <= run.rounds(); round++, kills++) {
        String at = run.at(round);
        if (kills == KILLS_PER_ENABLE) {
          managed.disable("gp", true);
          managed.enable("gp", Duration.ZERO);
          kills = 0;
        }
        Random random = run.random(round);
        Duration backoff = FIRST_RESTART.multipliedBy(1L << kills);
        ProcessHandle before = onePluginProcess(at);
        FaultCallers callers = FaultCallers.start(run, round, CALLERS, client);
        Thread.sleep(20 + random.nextInt(100));
        long killedAt = System.nanoTime();
        before.destroyForcibly();
        ProcessHandle after = awaitNewPluginProcess(before, backoff.plus(START_SLACK), at);
        Duration restartedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
        callers.awaitSuccessSince(System.nanoTime(), backoff.plus(START_SLACK), at);
        Duration recoveredAfter = Duration.ofNanos(System.nanoTime() - killedAt);
        List<FaultCall> calls = callers.stop(FaultHost.BOUND.plusSeconds(10), at);
        assertThat(checks.round(calls, FaultChecks.drainArrivals(log)))
            .as("%s: %s", at, checks.summary()).isEmpty();
        assertThat(restartedAfter).as("%s: restarted (pid %d) before its backoff", at,
            after.pid()).isGreaterThanOrEqualTo(backoff);
        assertThat(recoveredAfter).as("%s: calls recovered", at)
            .isLessThanOrEqualTo(backoff.plus(START_SLACK));
        restarted.computeIfAbsent(backoff.toMillis(), b -> new LongSummaryStatistics())
            .accept(restartedAfter.toMillis());
        recovered.computeIfAbsent(backoff.toMillis(), b -> new LongSummaryStatistics())
            .accept(recoveredAfter.toMillis());
      }
    }
    System.out.println("ManagedPluginSigkillTest: " + checks.summary() + "; took "
        + Duration.ofNanos(System.nanoTime() - started).toSeconds()
        + " s; after a kill with a backoff of (ms): " + restarts(restarted, recovered));
    assertThat(PluginProcesses.under(List.of(root))).as("plugin processes left").isEmpty();
  }

  /** {@code <backoff>: restarted <min>..<max> (avg <n>), calls back ..., ...}, in ms. */
  private static String restarts(Map<Long, LongSummaryStatistics> restarted,
      Map<Long, LongSummaryStatistics> recovered) {
    return String.join(", ", restarted.keySet().stream().map(b -> b + ": restarted "
        + range(restarted.get(b)) + ", calls back " + range(recovered.get(b))).toList());
  }

  private static String range(LongSummaryStatistics s) {
    return s.getMin() + ".." + s.getMax() + " (avg " + Math.round(s.getAverage()) + ")";
  }

  /** The one goplugin process of this test's root; fails when there is none or several. */
  private ProcessHandle onePluginProcess(String at) {
    List<ProcessHandle> ps = PluginProcesses.under(List.of(root));
    assertThat(ps).as("%s: the plugin's processes", at).hasSize(1);
    return ps.get(0);
  }

  /** Polls until one plugin process other than {@code old} runs; fails at the deadline. */
  private ProcessHandle awaitNewPluginProcess(ProcessHandle old, Duration limit, String at)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      List<ProcessHandle> ps = PluginProcesses.under(List.of(root)).stream()
          .filter(p -> p.pid() != old.pid()).toList();
      if (ps.size() == 1) {
        return ps.get(0);
      }
      assertThat(System.nanoTime()).as("%s: a new plugin process within %s, replacing %d",
          at, limit, old.pid()).isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
