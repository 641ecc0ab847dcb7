package dev.hangar.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A long-running peer process of a test: a Go plugin, the example plugin's jar, or the Python
 * plugin. Its output is collected in the background; {@link #close()} stops it (SIGTERM, then
 * SIGKILL after a few seconds) together with its children. Waits poll with a deadline.
 */
final class GoPeer implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(20);

  private final String name;
  private final Process process;
  private final List<String> lines = new ArrayList<>();

  private GoPeer(String name, Process process) {
    this.name = name;
    this.process = process;
    collect(process.getInputStream(), "");
    collect(process.getErrorStream(), "stderr: ");
  }

  /** Starts {@code command} with extra {@code env}; {@code name} is used in failure messages. */
  static GoPeer start(String name, List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      return new GoPeer(name, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  private void collect(InputStream in, String prefix) {
    Thread.ofVirtual().start(() -> {
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(prefix + line);
          }
        }
      } catch (IOException e) {
        // The process is gone; what was read is kept.
      }
    });
  }

  /** Everything the process printed so far, stderr lines prefixed with {@code stderr: }. */
  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** The process id, for messages. */
  long pid() {
    return process.pid();
  }

  /** Whether the process is still running. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code socket} accepts a connection; fails if the process exits first. */
  GoPeer awaitSocket(Path socket, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        ch.connect(UnixDomainSocketAddress.of(socket));
        return this;
      } catch (IOException notYet) {
        pause(deadline, "its socket " + socket + " to accept connections", limit);
      }
    }
  }

  /** Waits for a stdout line starting with {@code prefix} and returns it. */
  String awaitLine(String prefix, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Optional<String> hit;
      synchronized (lines) {
        hit = lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
      }
      if (hit.isPresent()) {
        return hit.get();
      }
      pause(deadline, "a line starting with '" + prefix + "'", limit);
    }
  }

  private void pause(long deadline, String what, Duration limit) {
    if (!process.isAlive()) {
      throw new AssertionError(name + " exited with " + process.exitValue() + " while waiting for "
          + what + "\n--- output\n" + output());
    }
    if (System.nanoTime() > deadline) {
      throw new AssertionError(name + " did not produce " + what + " within " + limit
          + "\n--- output\n" + output());
    }
    try {
      Thread.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Kills the process with SIGKILL and waits for it to end (reaped, so no zombie is left).
   *
   * @throws AssertionError when it is still running after {@code limit}
   */
  void sigkill(Duration limit) {
    process.destroyForcibly();
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " still runs " + limit + " after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Stops the process and its children: SIGTERM, then SIGKILL after 5 s. Idempotent. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
