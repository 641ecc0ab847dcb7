package dev.hangar.internal.exec;

import dev.hangar.PluginInfo;
import dev.hangar.PluginState;
import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecResult;
import dev.hangar.exec.ExecSettings;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tomlj.Toml;

/**
 * The exec plugins of one host: the declarations of the exec directories, scanned on first use
 * and again on {@link #rescan}, and the runner that calls them.
 */
public final class ExecRegistry {
  private final List<Path> dirs;
  private final ExecRunner runner;
  /** The last scan, null before the first. Guarded by {@code this}. */
  private ExecScan scan;

  /**
   * @param dirs the exec directories, in order
   * @param settings the host-wide limits of calls
   */
  public ExecRegistry(List<Path> dirs, ExecSettings settings) {
    this.dirs = List.copyOf(dirs);
    this.runner = new ExecRunner(Objects.requireNonNull(settings, "settings"));
  }

  /** The exec directories. */
  public List<Path> dirs() {
    return dirs;
  }

  /** The declarations, scanned on first use. */
  public synchronized ExecScan scan() {
    if (scan == null) {
      scan = ExecDeclarations.scan(dirs);
    }
    return scan;
  }

  /** Reads the declarations again; calls already running go on with the old ones. */
  public synchronized ExecScan rescan() {
    scan = ExecDeclarations.scan(dirs);
    return scan;
  }

  /** The accepted domain {@code name}. */
  public Optional<ExecDomain> domain(String name) {
    return scan().domain(name);
  }

  /** The problems that concern domain {@code name} (e.g. it was refused). */
  public List<ExecDeclarationError> errorsOf(String name) {
    return scan().errors().stream().filter(e -> name.equals(domainOf(e))).toList();
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
    return runner.call(d, command.substring(dot + 1), argsJson);
  }

  /** Why {@code name} cannot be called: its declaration's problem, or not found. */
  public HangarException notFound(String name) {
    List<ExecDeclarationError> errs = errorsOf(name);
    if (!errs.isEmpty()) {
      return errs.get(0).toException();
    }
    return new PluginNotFoundException(name, "exec plugin " + name + " not found: no [plugin."
        + name + "] in the .plugin.toml files of " + dirs);
  }

  /**
   * Every exec plugin for listings: accepted domains {@link PluginState#ACTIVE}, then one
   * {@link PluginState#FAILED} entry per refused domain (or per file when no domain applies),
   * its problems joined by "; ".
   */
  public List<PluginInfo> infos() {
    ExecScan s = scan();
    List<PluginInfo> out = new ArrayList<>();
    for (ExecDomain d : s.domains()) {
      out.add(info(d));
    }
    Map<List<Object>, List<ExecDeclarationError>> refused = new LinkedHashMap<>();
    for (ExecDeclarationError e : s.errors()) {
      refused.computeIfAbsent(java.util.Arrays.asList(e.file(), domainOf(e)), k -> new ArrayList<>())
          .add(e);
    }
    refused.forEach((k, errs) -> {
      String domain = (String) k.get(1);
      String name = domain != null ? domain : String.valueOf(errs.get(0).file().getFileName());
      out.add(new PluginInfo(name, PluginInfo.EXEC, null, List.of(), PluginState.FAILED,
          String.join("; ", errs.stream().map(ExecDeclarationError::toString).toList()),
          errs.get(0).file()));
    });
    return out;
  }

  /** One accepted domain as a listing entry. */
  public static PluginInfo info(ExecDomain d) {
    return new PluginInfo(d.name(), PluginInfo.EXEC, d.path().toString(), d.exports(),
        PluginState.ACTIVE, null, d.source());
  }

  /** The domain a problem concerns ({@code plugin.<domain>...}), or null. */
  static String domainOf(ExecDeclarationError e) {
    if (e.key() == null) {
      return null;
    }
    try {
      List<String> parts = Toml.parseDottedKey(e.key());
      return parts.size() >= 2 && parts.get(0).equals("plugin") ? parts.get(1) : null;
    } catch (IllegalArgumentException ex) {
      return null;
    }
  }
}
