package dev.hangar.internal.jar;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One loaded generation of a JAR plugin: its class loader, implementation and attributes. Calls
 * {@link #enter} and {@link #exit} around their use; {@link #retire} stops new calls, waits a
 * bounded time for running ones, then closes the implementation (when {@link AutoCloseable}) and
 * the class loader.
 *
 * <p>A call says it is in flight in its thread's {@link CallCells cell} (one volatile store, a
 * plain store on exit) when the thread has an idle one, else in stripes of counters, one per group
 * of threads (by thread id), each on a cache line of its own (two uncontended atomic additions).
 * That is what lets {@link #retire} wait for the calls in flight before it closes anything.
 */
final class LoadedJar {
  /** Stripes: a power of two, at least the number of processors, at most 16. */
  private static final int STRIPES = Integer.highestOneBit(
      Math.max(1, Math.min(16, Runtime.getRuntime().availableProcessors())) * 2 - 1);
  /** Longs between two stripes: 128 bytes, so no two share a cache line (or a prefetched pair). */
  private static final int SPACING = 16;
  private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);
  private static final AtomicLong IDS = new AtomicLong();
  /** How long the close of a generation that never served (a duplicate, a late load) may take. */
  static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

  /** Unique in the JVM, never 0: what a {@link CallCells} mark names. */
  private final long id = IDS.incrementAndGet();
  /** Set once by {@link #retire}, before it waits: calls marked in a cell check it. */
  private volatile boolean retired;

  private final Path file;
  private final JarFileName fileName;
  private final PluginClassLoader loader;
  private final Object implementation;
  private final Map<String, String> attributes;
  private final List<String> warnings;
  private final long stamp;
  /**
   * Calls in flight per stripe, at index {@code stripe * SPACING}; {@link Long#MIN_VALUE} added
   * to every stripe once retired, so they stay negative.
   */
  private final long[] calls = new long[STRIPES * SPACING];
  /**
   * The last type a {@link SlotHandle} found the implementation to be an instance of, so the
   * check runs once per generation and handle type. Racy on purpose: a stale read only repeats
   * the check.
   */
  Class<?> verifiedAs;

  LoadedJar(Path file, JarFileName fileName, PluginClassLoader loader, Object implementation,
      Map<String, String> attributes, List<String> warnings, long stamp) {
    this.file = file;
    this.fileName = fileName;
    this.loader = loader;
    this.implementation = implementation;
    this.attributes = Map.copyOf(attributes);
    this.warnings = List.copyOf(warnings);
    this.stamp = stamp;
  }

  Path file() {
    return file;
  }

  JarFileName fileName() {
    return fileName;
  }

  PluginClassLoader loader() {
    return loader;
  }

  Object implementation() {
    return implementation;
  }

  Map<String, String> attributes() {
    return attributes;
  }

  List<String> warnings() {
    return warnings;
  }

  long stamp() {
    return stamp;
  }

  /** The scheme of a resource plugin ({@code scheme}, else the legacy {@code schema}). */
  Optional<String> scheme() {
    String s = attributes.get("scheme");
    return Optional.ofNullable(s != null ? s : attributes.get("schema"));
  }

  /**
   * How the calling thread says it is in flight, for {@link #enter} and {@link #exit}: the index
   * of its idle {@link CallCells} mark (0 or more), else {@code -1 - stripe}.
   */
  static int ticket(Thread t) {
    int mark = CallCells.idle(t);
    return mark >= 0 ? mark : -1 - ((int) t.threadId() & (STRIPES - 1)) * SPACING;
  }

  /**
   * Starts a call; false when retired (the caller then looks up the current generation).
   *
   * @param ticket {@link #ticket} of the calling thread
   */
  boolean enter(int ticket) {
    if (ticket >= 0) {
      CallCells.mark(ticket, id);
      if (!retired) {
        return true;
      }
      CallCells.clear(ticket);
      return false;
    }
    int stripe = -1 - ticket;
    if ((long) CELL.getAndAdd(calls, stripe, 1L) >= 0) {
      return true;
    }
    CELL.getAndAdd(calls, stripe, -1L);
    return false;
  }

  /** Ends a call started by a successful {@link #enter} with the same ticket. */
  void exit(int ticket) {
    if (ticket >= 0) {
      CallCells.clear(ticket);
    } else {
      CELL.getAndAdd(calls, -1 - ticket, -1L);
    }
  }

  private boolean drained() {
    if (CallCells.holds(id)) {
      return false;
    }
    for (int i = 0; i < calls.length; i += SPACING) {
      if ((long) CELL.getVolatile(calls, i) != Long.MIN_VALUE) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stops new calls, waits up to {@code drain} for running ones, then closes: the implementation
   * (when {@link AutoCloseable}) within {@code drain} again ({@link #CLOSE_LIMIT} when
   * {@code drain} is zero), then the class loader. Idempotent.
   *
   * @return what closing the implementation threw, or that it did not return, if anything
   */
  Optional<Throwable> retire(Duration drain) {
    synchronized (calls) {
      if (retired) {
        return Optional.empty();
      }
      retired = true;
      for (int i = 0; i < calls.length; i += SPACING) {
        CELL.getAndAdd(calls, i, Long.MIN_VALUE);
      }
    }
    long deadline = System.nanoTime() + drain.toNanos();
    long pause = 10_000L;
    while (!drained() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, 1_000_000L);
    }
    Optional<Throwable> failure = implementation instanceof AutoCloseable c
        ? ImplementationCloser.close(c, loader, file.getFileName().toString(),
            drain.isZero() ? CLOSE_LIMIT : drain)
        : Optional.empty();
    loader.close();
    return failure;
  }
}
