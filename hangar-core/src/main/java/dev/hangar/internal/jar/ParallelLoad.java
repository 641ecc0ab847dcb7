package dev.hangar.internal.jar;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Runs the loads of one sync on a few worker threads ({@code hangar-load-N}, daemons, two more
 * than the processors, at least four, at most 16) and returns their outcomes in the order of the
 * input. Each load runs its plugin's init on its worker; the calling thread, which waits for the
 * outcomes, is the watchdog: it gives up on an init that has run longer than the init timeout.
 * That load's outcome becomes the {@code timedOut} one, its worker is renamed
 * {@code hangar-init-<name>} and left to finish (a Java thread cannot be stopped), and a fresh
 * worker takes its place. What an abandoned load returns later is retired at once. Workers take
 * loads and report outcomes without locks; the watchdog looks at running inits at least every
 * 50 ms.
 */
final class ParallelLoad {
  /** The part of a load the timeout covers. */
  interface InitWatch {
    /** Plugin code is about to run: the init timeout starts now. */
    void initStarted();
  }

  /** One load: its outcome is a {@link LoadedJar} or an exception. */
  interface Load {
    Object run(InitWatch watch);
  }

  /**
   * Two more than the processors (at least four, at most 16): a load stalls often in the JVM
   * (class definition, file reads, a young JVM's compiler threads taking the core), and the
   * spare workers keep the cores busy meanwhile; measured on 2 cores, 4 workers load 500 JARs
   * faster than 2 or 3.
   */
  private static final int MAX_WORKERS =
      Math.min(16, Math.max(2, Runtime.getRuntime().availableProcessors()) + 2);
  private static final long MAX_NAP = 50_000_000L;

  private final Task[] tasks;
  private final Thread watchdog = Thread.currentThread();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger remaining;
  private final AtomicInteger workerSeq = new AtomicInteger();

  private ParallelLoad(Task[] tasks) {
    this.tasks = tasks;
    this.remaining = new AtomicInteger(tasks.length);
  }

  /** One load's progress. */
  private static final class Task implements InitWatch {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;

    final String name;
    final Load load;
    final AtomicInteger state = new AtomicInteger(RUNNING);
    /** Written before {@link #initStart}, so whoever sees a start sees the worker. */
    Thread worker;
    /** {@link System#nanoTime} when init started; 0 before. */
    volatile long initStart;
    /** The worker's outcome: written before {@link #state} moves to DONE. */
    Object result;
    /** The watchdog's outcome once ABANDONED; only the watchdog touches it. */
    Object abandoned;

    Task(String name, Load load) {
      this.name = name;
      this.load = load;
    }

    @Override
    public void initStarted() {
      long now = System.nanoTime();
      initStart = now == 0 ? 1 : now;
    }
  }

  /**
   * Runs every load and returns their outcomes, index for index.
   *
   * @param names a name per load for messages and the thread of an abandoned init (the file name)
   * @param timedOut the outcome of a load abandoned in init, from its name
   */
  static Object[] run(List<String> names, List<Load> loads, Duration initTimeout,
      Function<String, Object> timedOut) {
    Task[] tasks = new Task[loads.size()];
    for (int i = 0; i < tasks.length; i++) {
      tasks[i] = new Task(names.get(i), loads.get(i));
    }
    new ParallelLoad(tasks).await(initTimeout.toNanos(), timedOut);
    Object[] out = new Object[tasks.length];
    for (int i = 0; i < tasks.length; i++) {
      out[i] = tasks[i].state.get() == Task.DONE ? tasks[i].result : tasks[i].abandoned;
    }
    return out;
  }

  private void await(long timeout, Function<String, Object> timedOut) {
    for (int i = Math.min(MAX_WORKERS, tasks.length); i > 0; i--) {
      startWorker();
    }
    boolean interrupted = false;
    while (remaining.get() > 0) {
      // an interrupt would end every nap at once: keep it for the caller instead
      interrupted |= Thread.interrupted();
      long now = System.nanoTime();
      long nap = MAX_NAP;
      for (Task t : tasks) {
        long s = t.initStart;
        if (s == 0 || t.state.get() != Task.RUNNING) {
          continue;
        }
        long left = s + timeout - now;
        if (left > 0) {
          nap = Math.min(nap, left);
        } else if (t.state.compareAndSet(Task.RUNNING, Task.ABANDONED)) {
          t.abandoned = timedOut.apply(t.name);
          t.worker.setName("hangar-init-" + t.name);
          remaining.decrementAndGet();
          if (next.get() < tasks.length) {
            startWorker();
          }
        }
      }
      if (remaining.get() > 0) {
        LockSupport.parkNanos(this, nap);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void startWorker() {
    Thread w = new Thread(this::work, "hangar-load-" + workerSeq.incrementAndGet());
    w.setDaemon(true);
    w.start();
  }

  private void work() {
    for (int i; (i = next.getAndIncrement()) < tasks.length; ) {
      Task t = tasks[i];
      t.worker = Thread.currentThread();
      Object outcome;
      try {
        outcome = t.load.run(t);
      } catch (Throwable e) {
        outcome = LoadException.failed(t.name + ": unexpected failure while loading: " + e, e);
      }
      t.result = outcome;
      if (!t.state.compareAndSet(Task.RUNNING, Task.DONE)) {
        // abandoned meanwhile: the timeout stands, this thread has been replaced
        t.result = null;
        if (outcome instanceof LoadedJar late) {
          late.retire(Duration.ZERO);
        }
        return;
      }
      if (remaining.decrementAndGet() == 0) {
        LockSupport.unpark(watchdog);
      }
    }
  }
}
