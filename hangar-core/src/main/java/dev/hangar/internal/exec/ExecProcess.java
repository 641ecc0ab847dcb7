package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecFailedException;
import dev.hangar.exec.ExecSettings;
import dev.hangar.protocol.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of an exec plugin: {@code PATH METHOD ARGS} with stdin from {@code /dev/null}, its
 * stdout and stderr read by two virtual threads into {@link FrameParser}s, bounded by an
 * {@link OutputBudget}, and its end: exit, timeout or too much output.
 *
 * <p><b>Termination</b> (timeout, output over the cap, leftovers): TERM to the run's processes,
 * then up to {@link ExecSettings#termGrace()} for the leader to exit and the pipes to close, then
 * KILL to the run's processes, always (members that ignore TERM, or outlive the leader). "The
 * run's processes" is its process group when it was started through {@code setsid} (see
 * {@link ProcessGroups}); otherwise (the default) the leader, its descendants and the holders of
 * its pipes, taken from {@code /proc} before TERM and again before KILL (see
 * {@link ProcessTree}).
 *
 * <p><b>Leftovers.</b> When the leader exits on its own, the readers get up to
 * {@code termGrace} to see both pipes close. Processes it left behind that keep stdout or stderr
 * open past that are terminated as above, and the call returns what the leader's exit status and
 * output say; reading never waits longer. Leftovers that closed or redirected stdout and stderr
 * are not looked for on this normal path (that would cost a {@code /proc} scan per call): they
 * are detached on purpose, like daemons.
 *
 * <p><b>Messages</b> other than results become log records ({@link ExecLevels#log}), at most
 * {@link #LOG_RECORDS_MAX} per run, then one record counting the rest: a plugin printing
 * millions of lines must not keep the host busy logging. The last stderr lines are kept for
 * the error of a failed call regardless ({@link StderrTail}).
 *
 * <p>Java reaps the leader; group members whose parent died are reparented to init, which reaps
 * them. Not thread-safe: one caller drives it; its readers and {@link #terminate} are internal.
 */
final class ExecProcess {
  private static final Logger LOG = System.getLogger("dev.hangar.exec");
  private static final File DEV_NULL = new File("/dev/null");
  private static final int BUFFER = 8 * 1024;
  /** Log records one run may make; the rest are counted and summed up in one record. */
  static final int LOG_RECORDS_MAX = 256;

  private final ExecDomain domain;
  private final String method;
  private final ExecSettings settings;
  private final Process process;
  private final boolean group;
  private final OutputBudget budget;
  private final StderrTail stderrTail = new StderrTail();
  private final AtomicBoolean terminating = new AtomicBoolean();
  private final AtomicInteger logged = new AtomicInteger();
  /** Tree mode: the run's processes as last seen; null in group mode. */
  private final ProcessTree tree;
  private final Set<ProcessHandle> seen = new LinkedHashSet<>();
  private final Thread stdout;
  private final Thread stderr;
  private volatile ExecMessage result;
  private volatile boolean overflow;

  private ExecProcess(ExecDomain domain, String method, ExecSettings settings, Process process,
      boolean group) {
    this.domain = domain;
    this.method = method;
    this.settings = settings;
    this.process = process;
    this.group = group;
    this.tree = group ? null : ProcessTree.of(process.toHandle());
    this.budget = new OutputBudget(settings.outputCap());
    this.stdout = Thread.ofVirtual().name("exec-out-" + process.pid())
        .start(() -> pump(process.getInputStream(), ExecLevels.STDOUT));
    this.stderr = Thread.ofVirtual().name("exec-err-" + process.pid())
        .start(() -> pump(process.getErrorStream(), ExecLevels.STDERR));
  }

  /**
   * Starts {@code d}'s executable for {@code method}.
   *
   * @throws ExecFailedException {@code EXEC_FAILED} (exit -1) when it cannot be started
   */
  static ExecProcess start(ExecDomain d, String method, String args, ExecSettings settings,
      ExecEnvironment env) {
    boolean group = (settings.processGroups() || d.processGroup())
        && ProcessGroups.SETSID.isPresent();
    if (group) {
      // setsid would start and then fail to exec the plugin: check first for a clear error.
      unusable(d.path()).ifPresent(why -> {
        throw new ExecFailedException(ErrorCode.EXEC_FAILED, d.name(), method, -1, why, null);
      });
    }
    List<String> command = new ArrayList<>(5);
    if (group) {
      command.add(ProcessGroups.SETSID.get().toString());
      command.add("--");
    }
    command.add(d.path().toString());
    command.add(method);
    command.add(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectInput(DEV_NULL);
    java.nio.file.Path dir = d.path().getParent();
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    try {
      env.apply(d, pb.environment()); // refuses a NUL or '=' where the OS cannot take it
      return new ExecProcess(d, method, settings, pb.start(), group);
    } catch (IOException | RuntimeException e) {
      throw new ExecFailedException(ErrorCode.EXEC_FAILED, d.name(), method, -1,
          unusable(d.path()).orElse("cannot start " + d.path() + ": " + e.getMessage()), e);
    }
  }

  /** Why {@code path} cannot be run, if it is missing or not executable. */
  static java.util.Optional<String> unusable(java.nio.file.Path path) {
    if (!java.nio.file.Files.isRegularFile(path)) {
      return java.util.Optional.of(path + " does not exist (or is not a regular file)");
    }
    if (!java.nio.file.Files.isExecutable(path)) {
      return java.util.Optional.of(path + " is not executable");
    }
    return java.util.Optional.empty();
  }

  /** The leader's pid (also the process group id when started in its own group). */
  long pid() {
    return process.pid();
  }

  /**
   * Waits for the run to end: exit, the domain's timeout, or too much output.
   *
   * @throws InterruptedException if interrupted; the run is then killed
   */
  ExecOutcome await() throws InterruptedException {
    boolean timedOut = false;
    try {
      if (!process.waitFor(domain.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
        timedOut = !overflow;
        terminate();
        process.waitFor(settings.termGrace().toNanos() + TimeUnit.SECONDS.toNanos(5),
            TimeUnit.NANOSECONDS);
      }
      if (!joinReaders(settings.termGrace().toNanos())) {
        LOG.log(Logger.Level.WARNING, "exec plugin " + domain.name() + "." + method
            + ": processes left behind keep its output open; terminating them");
        terminate();
        joinReaders(settings.termGrace().toNanos() + TimeUnit.SECONDS.toNanos(1));
      }
    } catch (InterruptedException e) {
      kill();
      throw e;
    }
    int unlogged = logged.get() - LOG_RECORDS_MAX;
    if (unlogged > 0) {
      LOG.log(Logger.Level.WARNING, "exec plugin " + domain.name() + "." + method + ": "
          + unlogged + " more messages not logged (at most " + LOG_RECORDS_MAX + " per run)");
    }
    int status = process.isAlive() ? -1 : process.exitValue();
    return new ExecOutcome(status, timedOut, overflow, result,
        ExecLevels.printable(stderrTail.text()));
  }

  /** KILLs the run's processes at once, without grace. */
  void kill() {
    terminating.set(true);
    if (group) {
      ProcessGroups.signal(process.pid(), ProcessGroups.Signal.KILL);
    } else {
      snapshotTree().forEach(ProcessHandle::destroyForcibly);
    }
    process.destroyForcibly();
  }

  /** TERM, grace, KILL; once. Runs on the caller's thread or on a reader's. */
  private void terminate() {
    if (!terminating.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + settings.termGrace().toNanos();
    if (group) {
      ProcessGroups.signal(process.pid(), ProcessGroups.Signal.TERM);
    } else {
      snapshotTree().forEach(ProcessHandle::destroy);
    }
    try {
      process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      for (Thread t : List.of(stdout, stderr)) {
        if (t != Thread.currentThread()) {
          long left = deadline - System.nanoTime();
          if (left > 0) {
            t.join(Duration.ofNanos(left));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // KILL below all the same
    }
    if (group) {
      ProcessGroups.signal(process.pid(), ProcessGroups.Signal.KILL);
    } else {
      snapshotTree().forEach(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * Tree mode: the run's processes now, plus those seen before (a handle checks the start time
   * before it signals, so a reused pid is never hit).
   */
  private synchronized Set<ProcessHandle> snapshotTree() {
    seen.addAll(tree.members());
    return Set.copyOf(seen);
  }

  private boolean joinReaders(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    for (Thread t : List.of(stdout, stderr)) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !t.join(Duration.ofNanos(left))) {
        return false;
      }
    }
    return true;
  }

  private void pump(InputStream in, int defaultLevel) {
    boolean isStderr = defaultLevel == ExecLevels.STDERR;
    FrameParser parser = new FrameParser(defaultLevel, m -> onMessage(m, isStderr));
    byte[] buf = new byte[BUFFER];
    try (in) {
      for (int n; (n = in.read(buf)) > 0; ) {
        int fits = budget.take(n);
        if (fits > 0) {
          parser.feed(buf, 0, fits);
        }
        if (fits < n) {
          overflow = true;
          in.close(); // the writer gets EPIPE instead of blocking on a full pipe
          terminate();
          return;
        }
      }
      parser.finish();
    } catch (IOException e) {
      // The stream broke (e.g. closed by a termination): what was read stands.
      parser.finish();
    } catch (RuntimeException e) {
      LOG.log(Logger.Level.ERROR, "exec plugin " + domain.name() + "." + method
          + ": reading its output failed", e);
    }
  }

  private void onMessage(ExecMessage m, boolean isStderr) {
    if (ExecLevels.isResult(m.level())) {
      result = m; // the last result wins, as in core0
      return;
    }
    if (logged.incrementAndGet() <= LOG_RECORDS_MAX) {
      ExecLevels.log(LOG, domain.name(), method, m);
    }
    if (isStderr && m.level() == ExecLevels.STDERR) {
      stderrTail.add(m.text());
    }
  }
}
