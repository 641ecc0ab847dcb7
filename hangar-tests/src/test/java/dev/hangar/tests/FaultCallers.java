package dev.hangar.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.PluginClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Threads that call the plugin's {@code Fault.Record} in a loop through one client until
 * stopped, for one round of a fault-injection test. Each call is idempotent or not at random
 * (seeded), asks the plugin to wait 0 to {@value #MAX_DELAY_MS} ms before it answers (so calls
 * are in flight when the plugin is killed), has an explicit timeout
 * ({@link FaultHost#CALL_TIMEOUT}), and is recorded as a {@link FaultCall}: nothing is asserted
 * on the callers' threads.
 */
final class FaultCallers {
  static final int MAX_DELAY_MS = 15;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PluginClient client;
  private final List<Thread> threads = new ArrayList<>();
  private final ConcurrentLinkedQueue<FaultCall> calls = new ConcurrentLinkedQueue<>();
  /** Per caller, the start of its latest successful call (or Long.MIN_VALUE). */
  private final AtomicLongArray lastOk;
  private volatile boolean stopped;

  private FaultCallers(PluginClient client, int n) {
    this.client = client;
    this.lastOk = new AtomicLongArray(n);
    for (int i = 0; i < n; i++) {
      lastOk.set(i, Long.MIN_VALUE);
    }
  }

  /** Starts {@code n} callers of {@code client} for {@code round}, seeded from {@code run}. */
  static FaultCallers start(FaultRun run, int round, int n, PluginClient client) {
    FaultCallers c = new FaultCallers(client, n);
    for (int i = 0; i < n; i++) {
      int caller = i;
      Random random = run.random(round * 64L + caller);
      c.threads.add(Thread.ofPlatform().name("fault-caller-" + round + "-" + caller)
          .start(() -> c.loop(round, caller, random)));
    }
    return c;
  }

  private void loop(int round, int caller, Random random) {
    for (int n = 0; !stopped; n++) {
      boolean idempotent = random.nextBoolean();
      String id = "r" + round + "-c" + caller + "-" + n + (idempotent ? "-i" : "-n");
      FaultCall call = call(id, idempotent, random.nextInt(MAX_DELAY_MS + 1));
      calls.add(call);
      if (call.ok()) {
        lastOk.accumulateAndGet(caller, call.startNanos(), Math::max);
      } else {
        pause(1 + random.nextInt(4)); // a failure can be instant: do not spin
      }
    }
  }

  private FaultCall call(String id, boolean idempotent, int delayMs) {
    CallOptions options =
        CallOptions.DEFAULT.withTimeout(FaultHost.CALL_TIMEOUT).withIdempotent(idempotent);
    long start = System.nanoTime();
    String code = FaultCall.OK;
    String message = "";
    try {
      byte[] reply = client.callRaw("Fault.Record", Map.of("Id", id, "DelayMs", delayMs),
          options);
      JsonNode answer = JSON.readTree(reply);
      if (!id.equals(answer.path("Id").asText())) {
        code = "WRONG_REPLY";
        message = "the reply of another request: " + answer;
      }
    } catch (HangarException e) {
      code = e.code().name();
      message = String.valueOf(e.getMessage());
    } catch (IOException | RuntimeException e) {
      code = e.getClass().getSimpleName();
      message = String.valueOf(e.getMessage());
    }
    return new FaultCall(id, idempotent, start, Duration.ofNanos(System.nanoTime() - start),
        code, message);
  }

  /**
   * Waits until every caller made a successful call that started at or after {@code nanos}
   * ({@link System#nanoTime()}), polling with a deadline.
   *
   * @throws AssertionError at the deadline, with the latest calls
   */
  void awaitSuccessSince(long nanos, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!allOkSince(nanos)) {
      if (System.nanoTime() > deadline) {
        List<FaultCall> all = List.copyOf(calls);
        throw new AssertionError(what + ": not every caller succeeded within " + limit
            + " once the plugin was back; latest calls:\n"
            + String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()).stream()
                .map(FaultCall::toString).toList()));
      }
      pause(2);
    }
  }

  private boolean allOkSince(long nanos) {
    for (int i = 0; i < lastOk.length(); i++) {
      if (lastOk.get(i) == Long.MIN_VALUE || lastOk.get(i) - nanos < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stops the callers and waits for their calls in flight to end.
   *
   * @return every call made
   * @throws AssertionError when a caller is still in a call after {@code limit} (a hang), with
   *     its stack
   */
  List<FaultCall> stop(Duration limit, String what) {
    stopped = true;
    long deadline = System.nanoTime() + limit.toNanos();
    for (Thread t : threads) {
      try {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        if (!t.join(Duration.ofMillis(left))) {
          throw new AssertionError(what + ": " + t.getName() + " still in a call " + limit
              + " after the callers were stopped (a hang):\n"
              + String.join("\n", Arrays.stream(t.getStackTrace())
                  .map(f -> "\tat " + f).toList()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    return List.copyOf(calls);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
