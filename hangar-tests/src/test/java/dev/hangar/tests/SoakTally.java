package dev.hangar.tests;

import dev.hangar.protocol.HangarException;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The outcomes of one plugin's calls: successes, failures by code, the first few messages. */
final class SoakTally {
  private static final int MESSAGES = 5;

  private final SoakTarget target;
  private final LongAdder ok = new LongAdder();
  private final LongAdder nanos = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Queue<String> messages = new ConcurrentLinkedQueue<>();
  private final AtomicInteger kept = new AtomicInteger();

  SoakTally(SoakTarget target) {
    this.target = target;
  }

  /** Makes one call and counts its outcome and its time; never throws. */
  void call(int caller, long seq) {
    long t0 = System.nanoTime();
    try {
      target.call().call(caller, seq);
      ok.increment();
    } catch (Exception | AssertionError e) {
      errors.computeIfAbsent(code(e), c -> new LongAdder()).increment();
      if (kept.getAndIncrement() < MESSAGES) {
        messages.add("call " + seq + " of caller " + caller + ": " + e);
      }
    } finally {
      nanos.add(System.nanoTime() - t0);
    }
  }

  /** The error code of a failed call: a Hangar error's code, else the exception's class. */
  static String code(Throwable e) {
    if (e instanceof HangarException h) {
      return h.code().name();
    }
    if (e instanceof SoakTarget.WrongReply) {
      return "WRONG_REPLY";
    }
    return e.getClass().getSimpleName();
  }

  SoakTarget target() {
    return target;
  }

  long ok() {
    return ok.sum();
  }

  /** Failed calls by error code, sorted. */
  Map<String, Long> errors() {
    Map<String, Long> out = new TreeMap<>();
    errors.forEach((c, n) -> out.put(c, n.sum()));
    return out;
  }

  /** The mean time of a call, milliseconds (waits for an exec slot included). */
  double meanMillis() {
    long n = ok() + errorCount();
    return n == 0 ? 0 : nanos.sum() / 1e6 / n;
  }

  long errorCount() {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** The messages of the first failed calls. */
  java.util.List<String> messages() {
    return java.util.List.copyOf(messages);
  }
}
