package dev.hangar;

import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecResult;
import dev.hangar.internal.exec.ExecDeclarationError;
import dev.hangar.internal.exec.ExecRegistry;
import dev.hangar.internal.host.PluginRegistry;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The exec plugins of a {@link PluginHost} (core0's model), from {@link PluginHost#execs()}:
 * executables declared by {@code [plugin.<domain>]} tables in the {@code .plugin.toml} files of
 * the {@link PluginHost.Builder#execDirs exec directories}, read on first use and again on
 * {@link #reload}. Their capabilities are their exported methods: an exec plugin "implements"
 * {@code version} when it exports it ({@link #exporting}). See {@code docs/protocol.md} section
 * 12 for the contract.
 *
 * <p>Thread-safe. Once the host is closed every method but {@link #dirs} throws
 * {@link IllegalStateException}.
 *
 * @since 0.1
 */
public final class ExecPlugins {
  private final PluginRegistry host;
  private final ExecRegistry execs;

  ExecPlugins(PluginRegistry host, ExecRegistry execs) {
    this.host = host;
    this.execs = execs;
  }

  /** The directories searched for {@code .plugin.toml} files, in order. */
  public List<Path> dirs() {
    return execs.dirs();
  }

  /**
   * The directories whose subdirectories are read after {@link #dirs} as installed exec
   * bundles ({@code <root>/managed/exec}, see {@link PluginHost.Builder#installed}).
   *
   * @since 0.3
   */
  public List<Path> bundleDirs() {
    return execs.bundleParents();
  }

  /**
   * Calls an exec plugin: {@code command} is {@code domain.method}, split at the first dot
   * ({@code ovs.bridge.add} is method {@code bridge.add} of domain {@code ovs}). The process gets
   * argv[1] = the method and argv[2] = {@code argsJson}, passed untouched (null or blank:
   * {@code {}}). Blocks until the call ends; calls run concurrently within
   * {@link PluginHost.Builder#execSettings the host-wide limit} and one at a time for a domain
   * declared {@code queue = true}.
   *
   * @return the last result the plugin wrote: {@link ExecResult.Json} for level 20, a
   *     {@link ExecResult.Text} for 21-23 and 30, {@link ExecResult.None} when it wrote none
   * @throws IllegalArgumentException when {@code command} has no dot
   * @throws PluginNotFoundException PLUGIN_NOT_FOUND when no declaration names the domain (the
   *     message names the exec dirs)
   * @throws HangarException EXEC_DECLARATION_INVALID when the domain's declaration was refused;
   *     METHOD_NOT_FOUND when the method is not exported (the message lists the exports; no
   *     process is started); DIGEST_MISMATCH when the executable's SHA-256 differs from the
   *     declared one
   * @throws dev.hangar.exec.ExecFailedException EXEC_FAILED (non-zero exit, cannot start),
   *     EXEC_KILLED, PLUGIN_TIMEOUT (after the plugin's processes were terminated; ADR 0007),
   *     OUTPUT_TOO_LARGE, or PROTOCOL_ERROR (a level-20 result that is not JSON)
   * @throws IllegalStateException when the host is closed
   */
  public ExecResult call(String command, String argsJson) {
    host.ensureOpen();
    return execs.exec(command, argsJson);
  }

  /**
   * The accepted exec plugins, in scan order (exec dir, file name, line). Reads the declarations
   * on first use; never throws for a bad declaration (see {@link #errors}).
   *
   * @throws IllegalStateException when the host is closed
   */
  public List<ExecDomain> list() {
    host.ensureOpen();
    return execs.scan().domains();
  }

  /**
   * The accepted exec plugins that export {@code method}: the capability lookup of exec plugins.
   *
   * @throws IllegalStateException when the host is closed
   */
  public List<ExecDomain> exporting(String method) {
    Objects.requireNonNull(method, "method");
    return list().stream().filter(d -> d.exports(method)).toList();
  }

  /**
   * The accepted exec plugin {@code domain}.
   *
   * @throws IllegalStateException when the host is closed
   */
  public Optional<ExecDomain> find(String domain) {
    host.ensureOpen();
    return execs.domain(Objects.requireNonNull(domain, "domain"));
  }

  /**
   * The exec plugins as {@link PluginHost#list} shows them, accepted and refused, without
   * touching socket plugins. In scan order.
   *
   * @throws IllegalStateException when the host is closed
   */
  public List<PluginInfo> infos() {
    host.ensureOpen();
    return execs.infos();
  }

  /**
   * Every problem of the exec declarations, each an EXEC_DECLARATION_INVALID exception whose
   * message is {@code file:line: key: problem}. A refused domain cannot be called; the others
   * are unaffected.
   *
   * @throws IllegalStateException when the host is closed
   */
  public List<HangarException> errors() {
    host.ensureOpen();
    return execs.scan().errors().stream().map(ExecDeclarationError::toException).toList();
  }

  /**
   * Reads the exec declarations again. Calls already running finish with the declaration they
   * started with.
   *
   * @return the accepted exec plugins afterwards
   * @throws IllegalStateException when the host is closed
   */
  public List<ExecDomain> reload() {
    host.ensureOpen();
    return execs.rescan().domains();
  }
}
