package dev.hangar.internal.exec;

import static dev.hangar.internal.exec.ExecFixtures.FAST;
import static dev.hangar.internal.exec.ExecFixtures.builder;
import static dev.hangar.internal.exec.ExecFixtures.domain;
import static dev.hangar.internal.exec.ExecFixtures.eventually;
import static dev.hangar.internal.exec.ExecFixtures.read;
import static dev.hangar.internal.exec.ExecFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecFailedException;
import dev.hangar.exec.ExecResult;
import dev.hangar.protocol.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue of {@code queue = true} domains and the host-wide limit. */
class ExecLimitsTest {
  /** Logs start and end with the call's argument; blocks until the file {@code go} exists. */
  static final String GATED = "echo \"start $2\" >> log; touch \"running.$$\"; "
      + "while [ ! -e go ]; do sleep 0.01; done; "
      + "echo \"end $2\" >> log; rm \"running.$$\"";

  @TempDir Path dir;
  final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void release() throws IOException {
    go();
    callers.shutdownNow();
  }

  @Test
  void queuedDomainRunsOneCallAtATimeInArrivalOrder() throws Exception {
    ExecRunner runner = new ExecRunner(FAST);
    ExecDomain d = builder("q", script(dir, "q", GATED), "m").queue().build();
    List<Future<ExecResult>> calls = new ArrayList<>();
    calls.add(callers.submit(() -> runner.call(d, "m", "0")));
    assertThat(eventually(() -> read(dir.resolve("log")).equals("start 0\n"))).isTrue();
    for (int i = 1; i <= 4; i++) {
      String arg = Integer.toString(i);
      calls.add(callers.submit(() -> runner.call(d, "m", arg)));
      int queued = i;
      assertThat(eventually(() -> runner.waitingInQueue("q") == queued)).isTrue();
    }
    assertThat(read(dir.resolve("log"))).isEqualTo("start 0\n");
    go();
    for (Future<ExecResult> f : calls) {
      f.get(20, TimeUnit.SECONDS);
    }
    assertThat(read(dir.resolve("log")).lines()).containsExactly(IntStream.range(0, 5)
        .boxed().flatMap(i -> java.util.stream.Stream.of("start " + i, "end " + i))
        .toArray(String[]::new));
  }

  @Test
  void hostWideLimitCapsRunningCallsAndTheRestWait() throws Exception {
    ExecRunner runner = new ExecRunner(FAST.withConcurrency(2));
    ExecDomain d = domain("p", script(dir, "p", GATED), "m");
    List<Future<ExecResult>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String arg = Integer.toString(i);
      calls.add(callers.submit(() -> runner.call(d, "m", arg)));
    }
    assertThat(eventually(() -> runner.waitingForHost() == 3 && running() == 2)).isTrue();
    assertThat(running()).isEqualTo(2);
    assertThat(read(dir.resolve("log")).lines()).hasSize(2);
    go();
    for (Future<ExecResult> f : calls) {
      f.get(20, TimeUnit.SECONDS);
    }
    assertThat(read(dir.resolve("log")).lines().filter(l -> l.startsWith("start"))).hasSize(5);
  }

  @Test
  void aQueuedDomainsCallCountsAgainstTheHostWideLimit() throws Exception {
    ExecRunner runner = new ExecRunner(FAST.withConcurrency(1));
    ExecDomain queued = builder("q", script(dir, "q", GATED), "m").queue().build();
    ExecDomain plain = domain("p", script(dir, "p", "echo '20::2'"), "m");
    Future<ExecResult> first = callers.submit(() -> runner.call(queued, "m", "0"));
    assertThat(eventually(() -> running() == 1)).isTrue();
    Future<ExecResult> second = callers.submit(() -> runner.call(plain, "m", "{}"));
    assertThat(eventually(() -> runner.waitingForHost() == 1)).isTrue();
    assertThat(second.isDone()).isFalse();
    go();
    first.get(20, TimeUnit.SECONDS);
    assertThat(second.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecResult.Json.class);
  }

  @Test
  void interruptedWaitersLeakNoPermit() throws Exception {
    ExecRunner runner = new ExecRunner(FAST.withConcurrency(1));
    ExecDomain queued = builder("q", script(dir, "q", GATED), "m").queue().build();
    Future<ExecResult> holder = callers.submit(() -> runner.call(queued, "m", "0"));
    assertThat(eventually(() -> running() == 1)).isTrue();

    AtomicReference<Throwable> inQueue = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread waiterInQueue = Thread.ofPlatform().start(() -> {
      try {
        runner.call(queued, "m", "1");
      } catch (RuntimeException e) {
        inQueue.set(e);
        flag.set(Thread.currentThread().isInterrupted());
      }
    });
    AtomicReference<Throwable> forHost = new AtomicReference<>();
    Thread waiterForHost = Thread.ofPlatform().start(() -> {
      try {
        runner.call(domain("p", dir.resolve("q"), "m"), "m", "2");
      } catch (RuntimeException e) {
        forHost.set(e);
      }
    });
    assertThat(eventually(() -> runner.waitingInQueue("q") == 1
        && runner.waitingForHost() == 1)).isTrue();
    waiterInQueue.interrupt();
    waiterForHost.interrupt();
    waiterInQueue.join(10_000);
    waiterForHost.join(10_000);
    assertThat(inQueue.get()).isInstanceOfSatisfying(ExecFailedException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXEC_FAILED));
    assertThat(flag.get()).isTrue();
    assertThat(forHost.get()).isInstanceOf(ExecFailedException.class);

    go();
    holder.get(20, TimeUnit.SECONDS);
    // One host permit and the domain's permit are free again: both calls run (no hang).
    CompletableFuture<ExecResult> again =
        CompletableFuture.supplyAsync(() -> runner.call(queued, "m", "3"), callers);
    again.get(20, TimeUnit.SECONDS);
    assertThat(read(dir.resolve("log")).lines())
        .containsExactly("start 0", "end 0", "start 3", "end 3");
  }

  private int running() {
    try (var s = Files.newDirectoryStream(dir, "running.*")) {
      int n = 0;
      for (Path ignored : s) {
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void go() throws IOException {
    if (!Files.exists(dir.resolve("go"))) {
      Files.createFile(dir.resolve("go"));
    }
  }
}
