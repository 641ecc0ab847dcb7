package dev.hangar.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A long-running {@code ./hangar} command (e.g. {@code plugin validate --watch}) whose standard
 * output is read line by line as it comes, so a test can wait for a line with a deadline. Close
 * it to kill whatever is left.
 */
final class LiveProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final CompletableFuture<String> err;
  private boolean ended;

  private LiveProcess(Process process) {
    this.process = process;
    this.err = Command.drain(process.getErrorStream());
    Thread.ofVirtual().start(this::read);
  }

  /** Starts {@code ./hangar args...} with {@code HANGAR_ROOT=root}, stdin from /dev/null. */
  static LiveProcess hangar(Path root, String... args) {
    Path repo = HangarProcess.repo();
    List<String> command = new ArrayList<>();
    command.add(repo.resolve("hangar").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("HANGAR_ROOT", root.toString());
    try {
      return new LiveProcess(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the process went away; what was read stays
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  /**
   * Waits for a line after the first {@code from} lines that satisfies {@code test}.
   *
   * @return the index of that line
   * @throws AssertionError when the deadline passes or output ends first, with the output so far
   */
  synchronized int await(int from, Predicate<String> test, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      for (int i = from; i < lines.size(); i++) {
        if (test.test(lines.get(i))) {
          return i;
        }
      }
      long left = deadline - System.nanoTime();
      if (ended || left <= 0) {
        throw new AssertionError((ended ? "output ended" : "no such line within " + limit)
            + "\n--- stdout\n" + String.join("\n", lines) + "\n--- stderr\n" + err.getNow("(running)"));
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** The line at {@code i}. */
  synchronized String line(int i) {
    return lines.get(i);
  }

  /** The process. */
  Process process() {
    return process;
  }

  /** Waits for the process to exit; its status, or an AssertionError at the deadline. */
  int waitFor(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + limit);
    }
    return process.exitValue();
  }

  /** What the process wrote on standard error, once it has ended. */
  String stderr() {
    return err.join();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
