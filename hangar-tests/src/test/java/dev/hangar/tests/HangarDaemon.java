package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.testkit.net.NetNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
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
 * {@code ./hangar daemon} run as a real process on a root of its own, listening on
 * {@code unix://<root>/hangar.sock}. {@link #start} returns once {@code GET /_ping} answers 200
 * on that socket. {@link #close()} stops it (TERM, then KILL) and then asserts that no process of
 * its plugins is left: none of the processes under it ({@code runc run} and the plugins), and no
 * {@code /bin/goplugin} process run from its root or runtime dir ({@link #plugins()}).
 */
final class HangarDaemon implements AutoCloseable {
  /** How long a start (which may build ./hangar first) may take to answer its ping. */
  static final Duration START = Duration.ofMinutes(3);
  /** How long a stop may take: every plugin gets the daemon's grace after TERM. */
  static final Duration STOP = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(25);

  private final Path root;
  private final Path socket;
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final List<Path> dirs;
  private List<ProcessHandle> leftBySigkill = List.of();
  private boolean killed;

  private HangarDaemon(Path root, List<Path> dirs, Process process) {
    this.root = root;
    this.socket = root.resolve("hangar.sock");
    this.process = process;
    this.dirs = List.copyOf(dirs);
    collect(process.getInputStream(), "");
    collect(process.getErrorStream(), "stderr: ");
  }

  /**
   * Starts {@code ./hangar daemon --root ROOT --host unix://ROOT/hangar.sock [--runtime-dir D]
   * EXTRA...} and waits for its ping.
   */
  static HangarDaemon start(Path root, Optional<Path> runtimeDir, String... extra) {
    return start(daemonCommand(root, runtimeDir, extra), root, runtimeDir);
  }

  /**
   * As {@link #start}, the daemon in network namespace {@code ns} ({@code nsenter --net}): its
   * registries are reached through that namespace, its socket (a file) from anywhere.
   */
  static HangarDaemon startIn(NetNamespace ns, Path root, Optional<Path> runtimeDir,
      String... extra) {
    return start(ns.command(daemonCommand(root, runtimeDir, extra)), root, runtimeDir);
  }

  private static HangarDaemon start(List<String> command, Path root,
      Optional<Path> runtimeDir) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HANGAR_ROOT", root.toString());
    return launch(pb, root, runtimeDir.isPresent() ? List.of(root, runtimeDir.get())
        : List.of(root));
  }

  /**
   * Starts {@code ./hangar daemon --root ROOT --host unix://ROOT/hangar.sock EXTRA...} as
   * {@code user}, with its environment only (so its runtime dir is the default one under its
   * {@code XDG_RUNTIME_DIR}), and waits for its ping. {@code ./hangar} is run as root first, so
   * that a stale build is rebuilt by someone who may write {@code target/}. {@code ROOT} is
   * created by the daemon, so its parent must be the user's.
   */
  static HangarDaemon startAs(UnprivilegedUser user, Path root, String... extra) {
    Command.Result build = Command.run(List.of(HangarProcess.repo().resolve("hangar").toString(),
        "--version"), HangarProcess.repo(), Map.of(), START);
    assertThat(build.exitCode()).as(build.describe()).isZero();
    ProcessBuilder pb =
        new ProcessBuilder(user.command(daemonCommand(root, Optional.empty(), extra)));
    pb.environment().clear();
    pb.environment().putAll(user.env());
    pb.environment().put("HANGAR_ROOT", root.toString());
    return launch(pb, root, List.of(root, user.runtimeDir()));
  }

  private static List<String> daemonCommand(Path root, Optional<Path> runtimeDir,
      String... extra) {
    List<String> command = new ArrayList<>(List.of(
        HangarProcess.repo().resolve("hangar").toString(), "daemon",
        "--root", root.toString(), "--host", "unix://" + root.resolve("hangar.sock")));
    runtimeDir.ifPresent(d -> command.addAll(List.of("--runtime-dir", d.toString())));
    command.addAll(List.of(extra));
    return command;
  }

  private static HangarDaemon launch(ProcessBuilder pb, Path root, List<Path> dirs) {
    pb.directory(HangarProcess.repo().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    HangarDaemon d;
    try {
      d = new HangarDaemon(root, dirs, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + pb.command(), e);
    }
    d.awaitPing(START);
    return d;
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
        // the daemon is gone; what was read is kept
      }
    });
  }

  /** The root. */
  Path root() {
    return root;
  }

  /** Its API socket. */
  Path socket() {
    return socket;
  }

  /** {@code unix://<socket>}, for {@code --host} and {@code DOCKER_HOST}. */
  String host() {
    return "unix://" + socket;
  }

  /** The daemon's process. */
  Process process() {
    return process;
  }

  /** Everything it printed so far, stderr lines prefixed with {@code stderr: }. */
  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** Runs {@code ./hangar --host <host> ARGS} against this daemon. */
  Command.Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of("--host", host()));
    all.addAll(List.of(args));
    return Command.hangar(root, all.toArray(String[]::new));
  }

  /** Whether {@code GET /_ping} answers 200 now. */
  boolean ping() {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(ByteBuffer.wrap(("GET /_ping HTTP/1.1\r\nHost: hangar\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII)));
      BufferedReader r = new BufferedReader(new InputStreamReader(
          Channels.newInputStream(ch), StandardCharsets.US_ASCII));
      String status = r.readLine();
      return status != null && status.matches("HTTP/1\\.[01] 200( .*)?");
    } catch (IOException notYet) {
      return false;
    }
  }

  private void awaitPing(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!ping()) {
      if (!process.isAlive()) {
        throw new AssertionError("hangar daemon exited with " + process.exitValue()
            + " before answering /_ping\n--- output\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("hangar daemon did not answer /_ping on " + socket
            + " within " + limit + "\n--- output\n" + output());
      }
      sleep(POLL);
    }
  }

  /** Sends {@code signal} (a name such as {@code TERM} or {@code HUP}) to the daemon. */
  void kill(String signal) {
    Command.Result r = Command.run(List.of("kill", "-s", signal, Long.toString(process.pid())),
        root, Map.of(), Duration.ofSeconds(10));
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }

  /**
   * Kills the daemon with SIGKILL and waits for it to end; its runtime and plugins are left
   * running, for the next daemon on the root to find. {@link #close()} then only kills what of
   * them is still left.
   */
  void sigkill() {
    killed = true;
    leftBySigkill = process.descendants().toList();
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** Waits for the daemon to end; its exit status. */
  int awaitExit(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("hangar daemon still running after " + limit
            + "\n--- output\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Stops the daemon (TERM, then KILL after {@link #STOP}) and asserts that it left no process
   * behind: what ran under it, and any {@link #plugins()} process. After
   * {@link #sigkill()} it only kills what was under the daemon and is still alive. Idempotent.
   */
  @Override
  public void close() {
    if (killed || !process.isAlive()) {
      // Handles remember their start time: a pid reused since is not touched.
      leftBySigkill.forEach(ProcessHandle::destroyForcibly);
      return;
    }
    List<ProcessHandle> under = process.descendants().toList();
    process.destroy();
    boolean stopped;
    try {
      stopped = process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = false;
    }
    if (!stopped) {
      process.destroyForcibly();
    }
    List<String> left = awaitGone(under, Duration.ofSeconds(10));
    List<ProcessHandle> plugins = plugins();
    plugins.forEach(ProcessHandle::destroyForcibly);
    under.forEach(ProcessHandle::destroyForcibly);
    assertThat(stopped).as("hangar daemon stopped on TERM within %s\n--- output\n%s",
        STOP, output()).isTrue();
    assertThat(left).as("processes left by the daemon\n--- output\n%s", output()).isEmpty();
    assertThat(plugins.stream().map(HangarDaemon::describe).toList())
        .as("plugin processes left by the daemon\n--- output\n%s", output()).isEmpty();
  }

  private static List<String> awaitGone(List<ProcessHandle> processes, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (processes.stream().anyMatch(ProcessHandle::isAlive)
        && System.nanoTime() < deadline) {
      sleep(POLL);
    }
    return processes.stream().filter(ProcessHandle::isAlive).map(HangarDaemon::describe)
        .toList();
  }

  /** {@code <pid> <cmdline>} of a process, for messages (see {@link PluginProcesses}). */
  static String describe(ProcessHandle p) {
    return PluginProcesses.describe(p);
  }

  /**
   * The {@code /bin/goplugin} processes run from this daemon's root or runtime dir (see
   * {@link PluginProcesses#under}): also those an earlier daemon on the same root left.
   */
  List<ProcessHandle> plugins() {
    return PluginProcesses.under(dirs);
  }

  /** {@link #plugins()} as {@code <pid> <cmdline>} texts, for assertions. */
  List<String> pluginTexts() {
    return plugins().stream().map(HangarDaemon::describe).toList();
  }

  /** Every {@code /bin/goplugin} process on this machine (see {@link PluginProcesses}). */
  static List<ProcessHandle> pluginProcesses() {
    return PluginProcesses.list();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
