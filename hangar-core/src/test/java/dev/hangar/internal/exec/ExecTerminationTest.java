package dev.hangar.internal.exec;

import static dev.hangar.internal.exec.ExecFixtures.FAST;
import static dev.hangar.internal.exec.ExecFixtures.builder;
import static dev.hangar.internal.exec.ExecFixtures.domain;
import static dev.hangar.internal.exec.ExecFixtures.eventually;
import static dev.hangar.internal.exec.ExecFixtures.read;
import static dev.hangar.internal.exec.ExecFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecFailedException;
import dev.hangar.exec.ExecResult;
import dev.hangar.protocol.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timeouts, leftovers and output caps: Hangar ends runs and nothing of them survives. */
class ExecTerminationTest {
  /** A leader and two grandchildren that all ignore TERM; their pids go to {@code pids}. */
  static final String STUBBORN = "trap '' TERM; sleep 30 & echo $! >> pids; "
      + "sleep 30 & echo $! >> pids; echo $$ >> pids; wait";

  @TempDir Path dir;

  @ParameterizedTest(name = "process groups {0}")
  @ValueSource(booleans = {true, false})
  void timeoutTerminatesEveryProcessEvenOnesIgnoringTerm(boolean groups) throws Exception {
    assumeTrue(!groups || ProcessGroups.SETSID.isPresent(), "setsid is not installed");
    ExecRunner runner = new ExecRunner(FAST.withProcessGroups(groups));
    Path p = script(dir, "p", STUBBORN);
    ExecDomain d = builder("p", p, "m").timeout(Duration.ofMillis(1000)).build();
    ExecFailedException e = catchThrowableOfType(ExecFailedException.class,
        () -> runner.call(d, "m", "{}"));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_TIMEOUT);
    assertThat(e.detail()).contains("within 1s", "TERM", "300ms grace", "KILL");
    List<Long> pids = read(dir.resolve("pids")).lines().map(Long::parseLong).toList();
    assertThat(pids).hasSize(3);
    assertThat(eventually(() -> pids.stream().noneMatch(ExecTerminationTest::alive)))
        .as("no process of the run is left: %s", pids).isTrue();
    if (groups) {
      long leader = pids.get(2);
      assertThat(eventually(() -> ProcessGroups.members(leader).isEmpty())).isTrue();
    }
  }

  @Test
  void processGroupReachesDetachedGrandchildrenWhoseParentAlreadyExited() throws Exception {
    assumeTrue(ProcessGroups.SETSID.isPresent(), "setsid is not installed");
    ExecRunner runner = new ExecRunner(FAST.withProcessGroups(true));
    // The subshell exits at once: its sleep is reparented to init, out of the process tree,
    // and holds none of the run's pipes; only the process group still reaches it.
    Path p = script(dir, "p", "(sleep 30 >/dev/null 2>&1 & echo $! > orphan); "
        + "echo $$ > pid; sleep 30");
    assertTimeout(runner, p);
    long orphan = Long.parseLong(read(dir.resolve("orphan")).strip());
    long leader = Long.parseLong(read(dir.resolve("pid")).strip());
    assertThat(eventually(() -> !alive(orphan))).isTrue();
    assertThat(eventually(() -> ProcessGroups.members(leader).isEmpty())).isTrue();
  }

  @ParameterizedTest(name = "process groups {0}")
  @ValueSource(booleans = {true, false})
  void timeoutReachesOrphansHoldingTheOutput(boolean groups) throws Exception {
    assumeTrue(!groups || ProcessGroups.SETSID.isPresent(), "setsid is not installed");
    ExecRunner runner = new ExecRunner(FAST.withProcessGroups(groups));
    // Reparented to init, out of the process tree, but it still holds stdout and stderr.
    Path p = script(dir, "p", "(trap '' TERM; sleep 30 & echo $! > orphan); sleep 30");
    assertTimeout(runner, p);
    long orphan = Long.parseLong(read(dir.resolve("orphan")).strip());
    assertThat(eventually(() -> !alive(orphan))).isTrue();
  }

  private static void assertTimeout(ExecRunner runner, Path p) {
    ExecDomain d = builder("p", p, "m").timeout(Duration.ofMillis(1000)).build();
    ExecFailedException e = catchThrowableOfType(ExecFailedException.class,
        () -> runner.call(d, "m", "{}"));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_TIMEOUT);
  }

  @ParameterizedTest(name = "process groups {0}")
  @ValueSource(booleans = {true, false})
  void leftoversKeepingOutputOpenAfterTheLeaderExitedAreTerminated(boolean groups)
      throws Exception {
    assumeTrue(!groups || ProcessGroups.SETSID.isPresent(), "setsid is not installed");
    ExecRunner runner = new ExecRunner(FAST.withProcessGroups(groups));
    // 100 kB fill the pipe: the leader cannot exit before Hangar reads (tree mode notes the
    // pipes right after the start, and a leader gone by then cannot be asked for them).
    Path p = script(dir, "p", "trap '' TERM; sleep 30 & echo $! > pid; "
        + "head -c 100000 /dev/zero | tr '\\0' x; echo; echo '20::1'");
    assertThat(runner.call(domain("p", p, "m"), "m", "{}"))
        .isEqualTo(new ExecResult.Json(IntNode.valueOf(1)));
    long leftover = Long.parseLong(read(dir.resolve("pid")).strip());
    assertThat(eventually(() -> !alive(leftover))).isTrue();
  }

  @Test
  void interruptingTheCallerKillsTheRun() throws Exception {
    ExecRunner runner = new ExecRunner(FAST);
    Path p = script(dir, "p", "echo $$ > pid; exec sleep 30");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flag = new AtomicBoolean();
    Thread caller = Thread.ofPlatform().start(() -> {
      try {
        runner.call(domain("p", p, "m"), "m", "{}");
      } catch (RuntimeException e) {
        thrown.set(e);
        flag.set(Thread.currentThread().isInterrupted());
      }
    });
    assertThat(eventually(() -> !read(dir.resolve("pid")).isBlank())).isTrue();
    long pid = Long.parseLong(read(dir.resolve("pid")).strip());
    caller.interrupt();
    caller.join(10_000);
    assertThat(thrown.get()).isInstanceOfSatisfying(ExecFailedException.class,
        e -> assertThat(e.detail()).contains("interrupted"));
    assertThat(flag.get()).isTrue();
    assertThat(eventually(() -> !alive(pid))).isTrue();
  }

  @ParameterizedTest(name = "process groups {0}")
  @ValueSource(booleans = {true, false})
  void outputThatNeverEndsFailsAtTheCap(boolean groups) throws Exception {
    assumeTrue(!groups || ProcessGroups.SETSID.isPresent(), "setsid is not installed");
    ExecRunner runner =
        new ExecRunner(FAST.withOutputCap(256 * 1024).withProcessGroups(groups));
    ExecFailedException e = tooLarge(runner, script(dir, "p", "echo $$ > pid; exec yes"));
    assertThat(e.detail()).contains("262144 bytes");
    long pid = Long.parseLong(read(dir.resolve("pid")).strip());
    assertThat(eventually(() -> !alive(pid))).isTrue();
  }

  @Test
  void stderrCountsTowardsTheCap() throws Exception {
    ExecRunner runner = new ExecRunner(FAST.withOutputCap(64 * 1024));
    tooLarge(runner, script(dir, "p", "trap '' TERM PIPE; yes >&2"));
  }

  @Test
  void aSingleHugeLineFailsAtTheDefaultCap() throws Exception {
    ExecRunner runner = new ExecRunner(FAST);
    tooLarge(runner, script(dir, "p", "head -c 20971520 /dev/zero | tr '\\0' a"));
  }

  @Test
  void binaryGarbageFailsAtASmallCap() throws Exception {
    garbage(dir.resolve("garbage.bin"), 1024 * 1024);
    ExecRunner runner = new ExecRunner(FAST.withOutputCap(100_000));
    tooLarge(runner, script(dir, "p", "cat garbage.bin"));
  }

  @Test
  void binaryGarbageUnderTheCapStillYieldsTheResult() throws Exception {
    garbage(dir.resolve("garbage.bin"), 64 * 1024);
    ExecRunner runner = new ExecRunner(FAST);
    Path p = script(dir, "p", "cat garbage.bin; cat garbage.bin >&2; "
        + "printf '\\n20:::\\n\"ok\"\\n:::'");
    assertThat(runner.call(domain("p", p, "m"), "m", "{}"))
        .isEqualTo(new ExecResult.Json(TextNode.valueOf("ok")));
  }

  @Test
  void exactlyTheCapIsAllowed() throws Exception {
    ExecRunner runner = new ExecRunner(FAST.withOutputCap(8));
    Path p = script(dir, "p", "printf '20::123'");
    assertThat(runner.call(domain("p", p, "m"), "m", "{}"))
        .isEqualTo(new ExecResult.Json(IntNode.valueOf(123)));
  }

  private static ExecFailedException tooLarge(ExecRunner runner, Path p) {
    ExecFailedException e = catchThrowableOfType(ExecFailedException.class,
        () -> runner.call(domain("p", p, "m"), "m", "{}"));
    assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_TOO_LARGE);
    return e;
  }

  /** Seeded random bytes. */
  private static void garbage(Path file, int size) throws Exception {
    byte[] b = new byte[size];
    new Random(42).nextBytes(b);
    Files.write(file, b);
  }

  /** Whether {@code pid} is a live process (a zombie waiting for init counts as gone). */
  static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
