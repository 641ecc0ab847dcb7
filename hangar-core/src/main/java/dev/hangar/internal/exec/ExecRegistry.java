package dev.hangar.internal.exec;

import dev.hangar.ExecReload;
import dev.hangar.ExecWatchListener;
import dev.hangar.PluginInfo;
import dev.hangar.PluginState;
import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecFailedException;
import dev.hangar.exec.ExecResult;
import dev.hangar.exec.ExecSettings;
import dev.hangar.internal.observe.Calls;
import dev.hangar.internal.watch.DirWatcher;
import dev.hangar.internal.watch.ListenerCalls;
import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The exec plugins of one host: the declarations of the exec directories, scanned on first use
 * and again on {@link #rescan} (or on a change, when {@link #watch watching}), and the runner
 * that calls them. Besides the exec directories, each directory of a <em>bundle parent</em> (the
 * enabled exec bundles a root has installed, {@code <root>/managed/exec/<id>}) is read as one more
 * exec directory, in name order, after them; hidden entries are skipped. Bundles are immutable,
 * so watching a parent covers them.
 */
public final class ExecRegistry implements AutoCloseable {
  private final List<Path> dirs;
  private final List<Path> bundleParents;
  private final ExecRunner runner;
  private final HostObserver observer;
  /** The last scan, null before the first. Guarded by {@code this}. */
  private ExecScan scan;
  /** Null unless watching. Guarded by {@code this}. */
  private DirWatcher watcher;
  private boolean closed;

  /**
   * @param dirs the exec directories, in order
   * @param settings the host-wide limits of calls
   */
  public ExecRegistry(List<Path> dirs, ExecSettings settings) {
    this(dirs, List.of(), settings, HostObserver.NONE);
  }

  /**
   * @param dirs the exec directories, in order
   * @param bundleParents directories whose subdirectories are exec directories too
   * @param settings the host-wide limits of calls
   * @param observer told of the domains found, refused and gone, and of each call
   */
  public ExecRegistry(List<Path> dirs, List<Path> bundleParents, ExecSettings settings,
      HostObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.dirs = List.copyOf(dirs);
    this.bundleParents = List.copyOf(bundleParents);
    this.runner = new ExecRunner(Objects.requireNonNull(settings, "settings"));
  }

  /** The exec directories. */
  public List<Path> dirs() {
    return dirs;
  }

  /** The directories whose subdirectories are exec directories too (installed bundles). */
  public List<Path> bundleParents() {
    return bundleParents;
  }

  /** The exec directories, then the bundles of each parent as they are now. */
  private List<Path> scanned() {
    if (bundleParents.isEmpty()) {
      return dirs;
    }
    List<Path> out = new ArrayList<>(dirs);
    for (Path parent : bundleParents) {
      out.addAll(Bundles.of(parent));
    }
    return out;
  }

  /** The declarations, scanned on first use. */
  public synchronized ExecScan scan() {
    if (scan == null) {
      scan = ExecDeclarations.scan(scanned());
      ExecEvents.announce(observer, null, scan);
    }
    return scan;
  }

  /** Reads the declarations again; calls already running go on with the old ones. */
  public synchronized ExecScan rescan() {
    ExecScan before = scan;
    scan = ExecDeclarations.scan(scanned());
    ExecEvents.announce(observer, before, scan);
    return scan;
  }

  /**
   * Reads the declarations (unless read already) and starts watching the exec directories: a
   * change re-reads them once changes have settled ({@link DirWatcher#DEBOUNCE}), and what it
   * changed goes to {@code listener}. Only the first call's listener is used.
   *
   * @throws HangarException IO_ERROR when the directories cannot be watched
   */
  public synchronized void watch(ExecWatchListener listener) {
    Objects.requireNonNull(listener, "listener");
    scan();
    if (watcher != null || closed) {
      return;
    }
    try {
      List<Path> watched = new ArrayList<>(dirs);
      watched.addAll(bundleParents);
      watcher = new DirWatcher("hangar-exec-watch", watched, () -> {
        ExecReload r = rescanReporting();
        if (!r.isEmpty()) {
          ListenerCalls.quietly(() -> listener.reloaded(r));
        }
      }, e -> ListenerCalls.quietly(() -> listener.reloadFailed(ListenerCalls.unchecked(e))));
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot watch the exec directories " + dirs
          + ": " + e, e);
    }
  }

  /** Reads the declarations again and says what changed. */
  private synchronized ExecReload rescanReporting() {
    if (closed) {
      throw new IllegalStateException("closed"); // ends the watcher
    }
    ExecScan before = scan();
    return ExecReloads.between(before, rescan());
  }

  /** Stops watching. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
  }

  /** The accepted domain {@code name}. */
  public Optional<ExecDomain> domain(String name) {
    return scan().domain(name);
  }

  /**
   * Runs {@code command} ({@code domain.method}, split at the first dot).
   *
   * @throws IllegalArgumentException when {@code command} has no dot
   * @throws HangarException PLUGIN_NOT_FOUND for an unknown domain, EXEC_DECLARATION_INVALID
   *     for a refused one (its first problem), and what {@link ExecRunner#call} throws
   */
  public ExecResult exec(String command, String argsJson) {
    Objects.requireNonNull(command, "command");
    int dot = command.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("an exec command is DOMAIN.METHOD, e.g. ovs.version: "
          + command);
    }
    String name = command.substring(0, dot);
    ExecDomain d = domain(name).orElseThrow(() -> notFound(name));
    String method = command.substring(dot + 1);
    if (observer == HostObserver.NONE) {
      return runner.call(d, method, argsJson);
    }
    int[] status = {-1};
    try {
      return Calls.timed(observer, PluginEvent.EXEC, name, method, () -> {
        try {
          ExecResult r = runner.call(d, method, argsJson);
          status[0] = 0;
          return r;
        } catch (ExecFailedException e) {
          status[0] = e.exitStatus();
          throw e;
        }
      });
    } finally {
      observer.execExited(name, method, status[0]);
    }
  }

  /** The exec directories and bundle parents, for messages. */
  public String where() {
    return bundleParents.isEmpty() ? dirs.toString()
        : dirs + " nor in the installed bundles of " + bundleParents;
  }

  /** Why {@code name} cannot be called: its declaration's problem, or not found. */
  public HangarException notFound(String name) {
    Optional<ExecDeclarationError> refused = scan().errors().stream()
        .filter(e -> e.domain().filter(name::equals).isPresent()).findFirst();
    if (refused.isPresent()) {
      return refused.get().toException();
    }
    return new PluginNotFoundException(name, "exec plugin " + name + " not found: no [plugin."
        + name + "] in the .plugin.toml files of " + where());
  }

  /**
   * Every exec plugin for listings: accepted domains {@link PluginState#ACTIVE}, then one
   * {@link PluginState#FAILED} entry per refused domain (or per file when no domain applies),
   * its problems joined by "; ".
   */
  public List<PluginInfo> infos() {
    return infos(scan());
  }

  /** The listing entries of one scan, as {@link #infos()}. */
  static List<PluginInfo> infos(ExecScan s) {
    List<PluginInfo> out = new ArrayList<>();
    for (ExecDomain d : s.domains()) {
      out.add(info(d));
    }
    Map<Refused, List<ExecDeclarationError>> refused = new LinkedHashMap<>();
    for (ExecDeclarationError e : s.errors()) {
      refused.computeIfAbsent(new Refused(e.file(), e.domain().orElse(null)),
          k -> new ArrayList<>()).add(e);
    }
    refused.forEach((k, errs) -> out.add(new PluginInfo(
        k.domain() != null ? k.domain() : String.valueOf(k.file().getFileName()),
        PluginInfo.EXEC, null, List.of(), PluginState.FAILED,
        String.join("; ", errs.stream().map(ExecDeclarationError::toString).toList()),
        k.file())));
    return out;
  }

  /** A refused domain of a file, or the file itself when no domain applies (null domain). */
  private record Refused(Path file, String domain) {}

  /** The listing entry named {@code name}: the accepted domain, else its refusal. */
  public Optional<PluginInfo> info(String name) {
    return infos().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** One accepted domain as a listing entry. */
  public static PluginInfo info(ExecDomain d) {
    return new PluginInfo(d.name(), PluginInfo.EXEC, d.path().toString(), d.exports(),
        PluginState.ACTIVE, null, d.source());
  }
}
