package dev.hangar.internal.jar;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the loads of one sync on a few worker threads ({@code hangar-load-N}, daemons, at most one
 * per processor and at least two) and returns their outcomes in the order of the input. Each load
 * runs its plugin's init on its worker; a watchdog (the calling thread, which waits for the
 * outcomes) gives up on an init that has run longer than the init timeout: its outcome becomes
 * {@link #timedOut}, its worker is renamed {@code hangar-init-<file>} and left to finish (a Java
 * thread cannot be stopped), and a fresh worker takes its place. What an abandoned load returns
 * later is retired at once.
 */
final class ParallelLoad {
  /** The part of a load the timeout covers: the worker calls these around the plugin's init. */
  interface InitWatch {
    /** Plugin code is about to run. */
    void initStarted();
  }

  /** One load: its outcome is a {@link LoadedJar} or an exception. */
  interface Load {
    Object run(InitWatch watch);
  }

  private static final int MAX_WORKERS =
      Math.max(2, Math.min(16, Runtime.getRuntime().availableProcessors()));

  private final Duration initTimeout;
  private final Function<String, Object> timedOut;
  private final ArrayDeque<Integer> queue = new ArrayDeque<>();
  private final Task[] tasks;
  private int pending;
  private int workerSeq;

  private ParallelLoad(int n, Duration initTimeout, Function<String, Object> timedOut) {
    this.initTimeout = initTimeout;
    this.timedOut = timedOut;
    this.tasks = new Task[n];
    this.pending = n;
  }

  /** One load's progress, guarded by the run's lock. */
  private static final class Task implements InitWatch {
    final String name;
    final Load load;
    Object outcome;
    boolean done;
    /** {@link System#nanoTime} when init started; 0 before. Written by the worker. */
    volatile long initStart;
    Thread worker;

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
   * @param names a name per load for the worker of an abandoned init (the file name)
   * @param timedOut the outcome of a load abandoned in init, from its name
   */
  static Object[] run(List<String> names, List<Load> loads, Duration initTimeout,
      Function<String, Object> timedOut) {
    ParallelLoad run = new ParallelLoad(loads.size(), initTimeout, timedOut);
    for (int i = 0; i < loads.size(); i++) {
      run.tasks[i] = new Task(names.get(i), loads.get(i));
      run.queue.add(i);
    }
    return run.await();
  }

  private synchronized Object[] await() {
    int workers = Math.min(MAX_WORKERS, tasks.length);
    for (int i = 0; i < workers; i++) {
      startWorker();
    }
    long timeout = initTimeout.toNanos();
    boolean interrupted = false;
    while (pending > 0) {
      long now = System.nanoTime();
      long wait = Long.MAX_VALUE;
      for (Task t : tasks) {
        long s = t.initStart;
        if (t.done || t.worker == null || s == 0) {
          continue;
        }
        long left = s + timeout - now;
        if (left <= 0) {
          abandon(t);
        } else {
          wait = Math.min(wait, left);
        }
      }
      if (pending == 0) {
        break;
      }
      try {
        // a started init may not be seen yet: look again at least every 50 ms
        long ms = Math.max(1, Math.min(50, wait / 1_000_000L + 1));
        wait(ms);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Object[] out = new Object[tasks.length];
    for (int i = 0; i < tasks.length; i++) {
      out[i] = tasks[i].outcome;
    }
    return out;
  }

  private void abandon(Task t) {
    t.outcome = timedOut.apply(t.name);
    t.done = true;
    pending--;
    t.worker.setName("hangar-init-" + t.name);
    t.worker = null;
    if (!queue.isEmpty()) {
      startWorker();
    }
  }

  private void startWorker() {
    Thread w = new Thread(this::work, "hangar-load-" + (++workerSeq));
    w.setDaemon(true);
    w.start();
  }

  private void work() {
    Thread me = Thread.currentThread();
    while (true) {
      Task t;
      synchronized (this) {
        Integer i = queue.poll();
        if (i == null) {
          return;
        }
        t = tasks[i];
        t.worker = me;
      }
      Object outcome;
      try {
        outcome = t.load.run(t);
      } catch (Throwable e) {
        outcome = LoadException.failed(t.name + ": unexpected failure while loading: " + e, e);
      }
      boolean abandoned;
      synchronized (this) {
        abandoned = t.done;
        if (!abandoned) {
          t.outcome = outcome;
          t.done = true;
          t.worker = null;
          pending--;
          notifyAll();
        }
      }
      if (abandoned) {
        // nobody takes this outcome, and this thread has been replaced
        if (outcome instanceof LoadedJar late) {
          late.retire(Duration.ZERO);
        }
        return;
      }
    }
  }
}
