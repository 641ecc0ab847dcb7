package dev.hangar.managed.internal;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.internal.logs.OutputPump;
import dev.hangar.managed.internal.logs.OutputTail;
import dev.hangar.managed.internal.logs.PluginLog;
import dev.hangar.managed.internal.runtime.OciRuntime;
import dev.hangar.managed.internal.runtime.OciSpec;
import dev.hangar.managed.internal.runtime.RuntimeDirs;
import dev.hangar.managed.internal.runtime.SocketProbe;
import dev.hangar.managed.internal.store.AtomicFiles;
import dev.hangar.managed.internal.store.SavedPlugin;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.Manifest;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.internal.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One run of a plugin's container: the runtime dir cleared, the OCI bundle written, the runtime
 * started, its output pumped to the plugin's log, the socket waited for by connecting to it, and
 * {@code Plugin.Activate} called. A run that fails any step is stopped and removed before the
 * error is thrown, which carries the last lines of the plugin's output.
 */
final class Attempt {
  private static final int TAIL_LINES = 20;

  private final Entry entry;
  private final Context ctx;
  private final Process process;
  private final Thread out;
  private final Thread err;
  private final OutputTail tail;
  private final Instant startedAt;
  private final java.util.concurrent.atomic.AtomicBoolean cleaned =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Attempt(Entry entry, Context ctx, Process process, Thread out, Thread err,
      OutputTail tail) {
    this.entry = entry;
    this.ctx = ctx;
    this.process = process;
    this.out = out;
    this.err = err;
    this.tail = tail;
    this.startedAt = Instant.now();
  }

  Instant startedAt() {
    return startedAt;
  }

  /**
   * Starts the container and waits until it serves.
   *
   * @throws HangarException PLUGIN_START_FAILED, RUNTIME_UNAVAILABLE
   */
  static Attempt run(Entry entry, Context ctx, PluginLog log) {
    SavedPlugin s = entry.saved();
    PluginConfig c = s.config();
    OciRuntime runtime = ctx.runtime().get();
    RuntimeDirs dirs = ctx.dirs();
    Path runDir = dirs.pluginDir(entry.id);
    Path socket = runDir.resolve(c.iface().socket());
    RuntimeDirs.checkSocketPath(socket);
    Instant deadline = Instant.now().plus(ctx.settings().startTimeout());
    try {
      runtime.delete(entry.id); // a leftover of the same ID would refuse the run
      AtomicFiles.deleteTree(runDir);
      AtomicFiles.privateDir(runDir);
      Optional<Path> propagated = Optional.empty();
      if (!c.propagatedMount().isEmpty()) {
        propagated = Optional.of(AtomicFiles.privateDir(ctx.store().propagatedMount(entry.id)));
      }
      Path bundle = AtomicFiles.privateDir(ctx.store().bundle(entry.id));
      OciRuntime.writeBundle(bundle, OciSpec.build(c, s.settings(), ctx.store().rootfs(entry.id),
          runDir, propagated, ctx.settings().rootless()));
    } catch (HangarException e) {
      if (e.code() != dev.hangar.protocol.ErrorCode.PLUGIN_START_FAILED) {
        throw e;
      }
      throw Supervisor.startFailed(s.name(), e.getMessage()); // the spec's errors name no plugin
    } catch (IOException e) {
      throw Supervisor.startFailed(s.name(), "cannot prepare its runtime dir " + runDir + ": "
          + e);
    }
    Process p = runtime.run(entry.id, ctx.store().bundle(entry.id));
    OutputTail tail = new OutputTail(TAIL_LINES);
    Thread out = OutputPump.start(p.getInputStream(), "stdout", log, tail, s.name(), entry.id);
    Thread err = OutputPump.start(p.getErrorStream(), "stderr", log, tail, s.name(), entry.id);
    Attempt a = new Attempt(entry, ctx, p, out, err, tail);
    try {
      if (!SocketProbe.await(socket, deadline, p::isAlive)) {
        String why = p.isAlive()
            ? "its socket " + socket + " did not answer within "
                + Durations.format(ctx.settings().startTimeout())
            : a.exitText();
        throw Supervisor.startFailed(s.name(), why + a.tailText());
      }
      a.activate(socket, deadline);
    } catch (RuntimeException e) {
      a.stopNow(Duration.ofSeconds(1));
      if (e instanceof HangarException h
          && h.code() == dev.hangar.protocol.ErrorCode.PLUGIN_START_FAILED) {
        throw h;
      }
      throw Supervisor.startFailed(s.name(), e.getMessage() + a.tailText());
    }
    entry.socket(Optional.of(socket));
    ctx.links().publish(s.name(), socket);
    return a;
  }

  private void activate(Path socket, Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      left = Duration.ofMillis(1);
    }
    ClientConfig cfg = ClientConfig.DEFAULT.withBackoff(Backoff.NONE).withCallTimeout(left)
        .withDialTimeout(left);
    try (PluginClient client = PluginClient.create(entry.name(), new PluginAddress.Unix(socket),
        cfg)) {
      client.call("Plugin.Activate", null, Manifest.class);
    } catch (HangarException e) {
      throw Supervisor.startFailed(entry.name(), "Plugin.Activate failed: " + e.getMessage()
          + tailText());
    }
  }

  /** Waits for the container to exit; says how it ended. */
  String awaitExit() {
    while (true) {
      try {
        process.waitFor();
        joinPumps();
        return exitText();
      } catch (InterruptedException e) {
        // the monitor is only interrupted by stop, which also kills the process: keep waiting
      }
    }
  }

  private String exitText() {
    joinPumps();
    if (process.isAlive()) {
      return "is still running";
    }
    int code = process.exitValue();
    return code > 128 ? "was killed by signal " + (code - 128) + " (status " + code + ")"
        : "exited with status " + code;
  }

  private String tailText() {
    joinPumps();
    return tail.describe();
  }

  private void joinPumps() {
    if (process.isAlive()) {
      return;
    }
    try {
      out.join(1000);
      err.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** KILLs the container; the monitor sees it exit. */
  void kill() {
    ctx.runtime().get().kill(entry.id, "KILL");
  }

  /** TERM, {@code grace}, KILL, then the container and runtime dir removed. */
  void stopNow(Duration grace) {
    OciRuntime runtime = ctx.runtime().get();
    try {
      if (process.isAlive()) {
        runtime.kill(entry.id, "TERM");
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          runtime.kill(entry.id, "KILL");
          if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runtime.kill(entry.id, "KILL");
    }
    cleanUp();
  }

  /**
   * Removes the container and the runtime dir once the process is gone. Once: the monitor and a
   * disable may both get here.
   */
  void cleanUp() {
    if (!cleaned.compareAndSet(false, true)) {
      return;
    }
    ctx.links().unpublish(entry.name());
    entry.socket(Optional.empty());
    ctx.runtime().get().delete(entry.id);
    try {
      AtomicFiles.deleteTree(ctx.dirs().pluginDir(entry.id));
      AtomicFiles.deleteTree(ctx.store().bundle(entry.id));
    } catch (IOException e) {
      java.util.logging.Logger.getLogger(Attempt.class.getName()).warning(
          "managed plugin " + entry.name() + ": cannot remove its runtime dir: " + e);
    }
  }
}
