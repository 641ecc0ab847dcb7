package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.managed.internal.runtime.HostIds;
import dev.hangar.managed.internal.runtime.RuntimeDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The kill loop the crash tests share: on one root, one owner (a driver JVM) after another,
 * each killed with SIGKILL at a seeded random point, and what each found when it opened the
 * root after the kill before it checked.
 *
 * <p>The drivers follow one protocol on standard input and output ({@link CrashDriverLoop}):
 * they boot ahead of their round and touch nothing until they read {@code open}; then they open
 * the root and print {@code ready ...} (what they found), wait for {@code go}, and run
 * operations for ever, printing {@code done ...} after each. A round kills its driver during start-up (before
 * {@code ready} is read) or after {@code ready} was checked, some operations and a random
 * pause later. Each driver is started while the one before it still runs.
 *
 * <p>Once a driver is ready, no process may name the root or its runtime dir but the lane's
 * two live drivers and what they started ({@link #assertNoOrphans}): whatever a killed owner
 * left running, its next owner must have stopped.
 */
final class CrashLane {
  /**
   * Where kills land.
   *
   * @param earlyPercent the share of rounds killed during start-up
   * @param earlyMillis the most a start-up kill waits after {@code open}
   * @param minOps the fewest {@code done} lines awaited before the pause (1 checks the first
   *     operation after every kill that let its driver get ready)
   * @param maxOps the most {@code done} lines awaited (fewer at random) before the pause
   * @param pauseMillis the most the pause before the kill lasts
   */
  record Timing(int earlyPercent, int earlyMillis, int minOps, int maxOps, int pauseMillis) {
    /** No fewest: from 0 to {@code maxOps} {@code done} lines. */
    Timing(int earlyPercent, int earlyMillis, int maxOps, int pauseMillis) {
      this(earlyPercent, earlyMillis, 0, maxOps, pauseMillis);
    }
  }

  /** What a lane checks in each round. */
  interface Checks {
    /** The driver's {@code ready} line: the state the kill before left, as it found it. */
    void ready(String line, String where) throws Exception;

    /** The {@code n}th {@code done} line of the round (from 0). */
    default void done(String line, int n, String where) throws Exception {}
  }

  /** What to do when the lane fails: stop what the root runs, as far as it can be. */
  interface Cleanup {
    void run() throws Exception;
  }

  /**
   * The usual cleanup: the root opened as its next owner would (which stops what a killed one
   * left) and closed (which stops what it restored and removes the root's runtime dir).
   */
  static Cleanup reopen(ManagedSettings settings) {
    return () -> ManagedPlugins.open(settings).close();
  }

  private CrashLane() {}

  /**
   * Runs {@code rounds} rounds.
   *
   * @param marks what names the lane's root on a command line ({@link #marks})
   * @param args the driver's arguments for a seed (drawn from {@code random})
   * @param cleanup run after a failure, once every driver is dead
   * @return how many rounds killed their driver during start-up
   */
  static int run(CrashDriverJvm jvm, List<String> marks, Function<String, List<String>> args,
      Random random, int rounds, Timing timing, Checks checks, Cleanup cleanup, String lane)
      throws Exception {
    int early = 0;
    Process next = jvm.start(args.apply(Long.toString(random.nextLong())));
    Process driver = null;
    try {
      for (int round = 0; round < rounds; round++) {
        String where = lane + " round " + round;
        driver = next;
        next = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new OutputStreamWriter(driver.getOutputStream(),
                StandardCharsets.UTF_8)) {
          in.write("open\n");
          in.flush();
          if (round + 1 < rounds) { // boots meanwhile, and waits for its "open"
            next = jvm.start(args.apply(Long.toString(random.nextLong())));
          }
          if (random.nextInt(100) < timing.earlyPercent()) {
            early++;
            Thread.sleep(random.nextInt(timing.earlyMillis())); // lock, load, cleanup, restore
          } else {
            String ready = out.readLine();
            assertThat(ready).as("%s: first line", where).startsWith("ready ");
            checks.ready(ready, where + ": " + ready);
            assertNoOrphans(marks, where, driver, next);
            in.write("go\n");
            in.flush();
            int ops = timing.minOps() // some way, then a bit more
                + random.nextInt(timing.maxOps() - timing.minOps() + 1);
            for (int i = 0; i < ops; i++) {
              String done = out.readLine();
              assertThat(done).as("%s: operation %d", where, i).startsWith("done");
              checks.done(done, i, where + ": " + done);
            }
            Thread.sleep(random.nextInt(timing.pauseMillis()));
          }
          driver.destroyForcibly();
          assertThat(driver.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
      }
    } catch (Throwable t) {
      stop(driver, next);
      try {
        cleanup.run();
      } catch (Exception | AssertionError e) {
        t.addSuppressed(e); // the failure being reported matters more
      }
      throw t;
    }
    return early;
  }

  private static void stop(Process... drivers) throws InterruptedException {
    for (Process d : drivers) {
      if (d != null) {
        d.destroyForcibly();
      }
    }
    for (Process d : drivers) {
      if (d != null) {
        d.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * What names {@code root} on the command line of a process it concerns: the root itself (its
   * drivers) and its runtime dir (the runtime's calls, {@code --root <dir>/runc}). Makes the
   * runtime dir as its first owner would, so compute it before the lane, and use it after.
   */
  static List<String> marks(Path root) {
    return List.of(root.toString(),
        RuntimeDirs.forRoot(root, HostIds.isRoot(), System.getenv()).base().toString());
  }

  /**
   * Fails when a live process other than {@code owners} and what they started names one of
   * {@code marks} on its command line: what a killed owner left running and no next owner
   * stopped. Such orphans are killed (SIGKILL) before the failure, so that none outlives it.
   *
   * @param owners the live drivers (null for none)
   */
  static void assertNoOrphans(List<String> marks, String where, Process... owners)
      throws InterruptedException {
    Set<Long> mine = new HashSet<>(List.of(ProcessHandle.current().pid()));
    for (Process o : owners) {
      if (o != null) {
        mine.add(o.pid());
        o.descendants().forEach(d -> mine.add(d.pid()));
      }
    }
    List<ProcessHandle> orphans = ProcessHandle.allProcesses()
        .filter(p -> !mine.contains(p.pid()) && names(p, marks)).toList();
    List<String> seen = orphans.stream().map(p -> p.pid() + " "
        + p.info().commandLine().orElse("(gone)")).toList();
    orphans.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : orphans) {
      p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
    }
    assertThat(seen).as("%s: processes left running (now killed)", where).isEmpty();
  }

  /**
   * Whether the process's whole command line holds one of {@code marks}; read from
   * {@code /proc}, as {@link ProcessHandle.Info} may cut a long one (a driver's class path).
   * A zombie's is empty.
   */
  private static boolean names(ProcessHandle p, List<String> marks) {
    try {
      String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()),
          "cmdline")), StandardCharsets.ISO_8859_1);
      return marks.stream().anyMatch(cmd::contains);
    } catch (IOException e) {
      return false; // gone meanwhile
    }
  }

  /** One lane's body. */
  interface Body {
    void run(int lane) throws Exception;
  }

  /**
   * Runs {@code lanes} lanes side by side (one per core), each on a thread of its own; fails
   * with the first lane's failure, the others suppressed, once all ended.
   */
  static void inParallel(int lanes, Body body) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      int l = lane;
      threads.add(Thread.ofPlatform().name("crash-lane-" + l).start(() -> {
        try {
          body.run(l);
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      AssertionError e = new AssertionError("a crash lane failed: " + failures.get(0),
          failures.get(0));
      failures.stream().skip(1).forEach(e::addSuppressed);
      throw e;
    }
  }
}
