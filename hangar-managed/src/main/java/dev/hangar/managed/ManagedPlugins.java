package dev.hangar.managed;

import dev.hangar.managed.internal.Manager;
import dev.hangar.registry.CredentialSource;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Managed plugins, moby's model: plugins packaged as Docker packages them ({@code config.json}
 * and {@code rootfs/}), created, run under an OCI runtime with the spec Docker would give them,
 * supervised, and removed by Hangar. State lives under {@code <root>/managed} and survives a
 * SIGKILL of the owning process. One owner per root: {@link #open} takes the root's lock.
 *
 * <p>References ({@code ref} below) are resolved as Docker does: a full 64-hex ID, else a
 * normalised name ({@code x} is {@code x:latest}), else a unique ID prefix.
 *
 * <p>Thread-safe. {@link #close()} stops every running plugin (TERM, the grace, KILL) and
 * releases the lock; it is idempotent, and every other method then throws
 * {@link IllegalStateException}.
 *
 * @since 0.2
 */
public final class ManagedPlugins implements AutoCloseable {
  private final Manager manager;

  private ManagedPlugins(Manager manager) {
    this.manager = manager;
  }

  /**
   * Takes the root's lock, loads every plugin's state (an unreadable one is reported, not fatal),
   * removes containers and half-removed plugins left by an earlier owner, and enables again
   * every plugin saved as enabled.
   *
   * @throws dev.hangar.protocol.HangarException ROOT_LOCKED when another process owns the root;
   *     IO_ERROR when the root cannot be used
   */
  public static ManagedPlugins open(ManagedSettings settings) {
    return new ManagedPlugins(Manager.open(settings));
  }

  /** The settings. */
  public ManagedSettings settings() {
    return manager.settings();
  }

  /**
   * Creates a disabled plugin from a package: a directory holding {@code config.json} and
   * {@code rootfs/}, or a tar of one (optionally gzipped). Nothing is left on failure.
   *
   * @throws dev.hangar.protocol.HangarException INVALID_PLUGIN_NAME, PLUGIN_EXISTS,
   *     PACKAGE_INVALID (naming the file, field or tar entry)
   */
  public ManagedPlugin create(String name, Path dirOrTar) {
    return manager.create(name, dirOrTar);
  }

  /** As {@link #create(String, Path)}, from a tar (optionally gzipped) stream. */
  public ManagedPlugin create(String name, InputStream tar) {
    return manager.create(name, tar);
  }

  /**
   * The plugins whose saved state could not be read when the root was opened, one message each
   * naming the plugin and its file (STATE_INVALID); the other plugins loaded.
   */
  public List<String> problems() {
    return manager.problems();
  }

  /** Every plugin, sorted by name. */
  public List<ManagedPlugin> list() {
    return manager.list();
  }

  /**
   * The plugin {@code ref} names, if any.
   *
   * @throws dev.hangar.protocol.HangarException PLUGIN_AMBIGUOUS for a shared ID prefix
   */
  public Optional<ManagedPlugin> find(String ref) {
    return manager.find(ref);
  }

  /**
   * The plugin {@code ref} names.
   *
   * @throws dev.hangar.protocol.HangarException PLUGIN_NOT_FOUND ({@code plugin "<ref>" not
   *     found}), PLUGIN_AMBIGUOUS
   */
  public ManagedPlugin inspect(String ref) {
    return manager.inspect(ref);
  }

  /**
   * Starts the plugin and waits until its socket answers and {@code Plugin.Activate} succeeds.
   * A plugin that does not start is stopped, left disabled, and the error carries its output.
   *
   * @param clientTimeout the plugin's HTTP client timeout (Docker's {@code enable?timeout});
   *     zero for none
   * @throws dev.hangar.protocol.HangarException PLUGIN_ENABLED, PLUGIN_START_FAILED,
   *     RUNTIME_UNAVAILABLE
   */
  public void enable(String ref, Duration clientTimeout) {
    manager.enable(ref, clientTimeout);
  }

  /**
   * Stops the plugin (TERM, the grace, KILL) and removes its container and runtime dir.
   *
   * @throws dev.hangar.protocol.HangarException PLUGIN_DISABLED, PLUGIN_IN_USE (unless force)
   */
  public void disable(String ref, boolean force) {
    manager.disable(ref, force);
  }

  /**
   * Changes settings with Docker's grammar, {@code <name>[.<field>][=<value>]}.
   *
   * @throws dev.hangar.protocol.HangarException SETTING_INVALID (also while enabled)
   */
  public void set(String ref, List<String> args) {
    manager.set(ref, args);
  }

  /**
   * Removes the plugin; with {@code force}, disables it first whatever holds it.
   *
   * @throws dev.hangar.protocol.HangarException PLUGIN_ENABLED, PLUGIN_IN_USE (unless force)
   */
  public void remove(String ref, boolean force) {
    manager.remove(ref, force);
  }

  /** The privileges the plugin asks for, as Docker's {@code computePrivileges}. */
  public List<Privilege> privileges(String ref) {
    return manager.inspect(ref).privileges();
  }

  /**
   * The privileges the plugin image {@code remote} asks for (Docker's {@code GET
   * /plugins/privileges}), read from its config blob; nothing is installed.
   *
   * @param remote the reference, normalised as Docker does
   * @param credentials this call's credentials, or {@link CredentialSource#NONE} for the
   *     registry client's own
   * @throws dev.hangar.protocol.HangarException INVALID_PLUGIN_NAME, MANIFEST_NOT_FOUND,
   *     MANIFEST_INVALID (not a plugin image), DIGEST_MISMATCH, PACKAGE_INVALID (a bad config),
   *     REGISTRY_AUTH, REGISTRY_UNREACHABLE, REGISTRY_ERROR
   */
  public List<Privilege> remotePrivileges(String remote, CredentialSource credentials) {
    return remoteImage(remote, credentials).privileges();
  }

  /**
   * The manifest digest and privileges of the plugin image {@code remote}; nothing is
   * installed.
   *
   * @throws dev.hangar.protocol.HangarException as {@link #remotePrivileges}
   */
  public RemoteImage remoteImage(String remote, CredentialSource credentials) {
    return manager.remoteImage(remote, credentials);
  }

  /**
   * Installs a plugin from a registry, disabled, as Docker's {@code POST /plugins/pull}: the
   * manifest and config fetched, the privileges the config asks for checked against
   * {@link PullRequest#granted} exactly as moby's {@code validatePrivileges} (before any layer
   * is fetched), the layers fetched into the shared blob store (those it has, verified by an
   * earlier pull, are not fetched again) and unpacked with the package checks and Docker's
   * whiteouts. {@code PluginReference} is the fully qualified remote. Nothing is installed on
   * any failure; the verified blobs stay for a retry until an {@code rm} collects them.
   *
   * @param progress told of each step (Docker's progress messages); fast, must not throw
   * @return the plugin
   * @throws dev.hangar.protocol.HangarException PLUGIN_EXISTS ({@code plugin <n> already
   *     exists}), PRIVILEGES_INCORRECT ({@code incorrect privileges}), INVALID_PLUGIN_NAME,
   *     DIGEST_MISMATCH, PACKAGE_INVALID (a layer), MANIFEST_INVALID, MANIFEST_NOT_FOUND and
   *     the registry's other codes, IO_ERROR and DISK_FULL ({@code cannot install plugin <n>:
   *     ...}, naming the file and, for a blob, its reference; a partial blob is not kept)
   */
  public ManagedPlugin pull(PullRequest request, Consumer<ProgressMessage> progress) {
    return manager.pull(request, progress);
  }

  /**
   * Pushes the plugin to the repository its name names, under its tag, as
   * {@code docker plugin push}: the image it was pulled as, or (created from a package) the
   * image Docker would have made of it (one gzipped tar layer of the rootfs, built
   * deterministically and kept in the blob store, and a schema 2 manifest whose digest
   * {@link ManagedPlugin#manifestDigest} then shows).
   *
   * @param progress told of each step; fast, must not throw
   * @return Docker's {@code aux}: the tag, the manifest's digest and size
   * @throws dev.hangar.protocol.HangarException PLUGIN_NOT_FOUND, REGISTRY_AUTH,
   *     REGISTRY_UNREACHABLE, REGISTRY_ERROR, MANIFEST_INVALID, IO_ERROR
   */
  public PushResult push(String ref, CredentialSource credentials,
      Consumer<ProgressMessage> progress) {
    return manager.push(ref, credentials, progress);
  }

  /**
   * Upgrades a disabled plugin to another image, as Docker's {@code POST
   * /plugins/{name}/upgrade}: pulled and checked as {@link #pull} does (the privileges granted
   * checked again against what the new config asks for), then the plugin's rootfs, config,
   * {@code PluginReference} and image replaced at once; its ID, name and settings are kept.
   * The old version stays whole until the new one is complete: a failure (or a crash) at any
   * point leaves the plugin as it was, or upgraded whole. {@link PullRequest#name} is ignored.
   *
   * @throws dev.hangar.protocol.HangarException PLUGIN_NOT_FOUND, PLUGIN_ENABLED ({@code plugin
   *     must be disabled before upgrading: plugin <n> is enabled}), and {@link #pull}'s codes
   */
  public ManagedPlugin upgrade(String ref, PullRequest request,
      Consumer<ProgressMessage> progress) {
    return manager.upgrade(ref, request, progress);
  }

  /**
   * Takes a lease on the enabled plugin {@code ref} having {@code capability} (moby's
   * {@code Store.Get} with Acquire): disable and remove refuse while leases are held. Close the
   * lease to release it.
   *
   * @throws dev.hangar.protocol.HangarException PLUGIN_NOT_FOUND, PLUGIN_DISABLED,
   *     CAPABILITY_NOT_IMPLEMENTED ({@code plugin does not provide "<cap>" capability})
   */
  public ManagedLease acquire(String ref, Optional<String> capability) {
    return manager.acquire(ref, capability);
  }

  /** The enabled plugins having {@code capability}, by name. */
  public List<ManagedPlugin> enabledWith(String capability) {
    return manager.enabledWith(capability);
  }

  /**
   * Reads the plugin's log into {@code sink}; blocks while following.
   *
   * @throws dev.hangar.protocol.HangarException PLUGIN_NOT_FOUND, IO_ERROR
   */
  public void logs(String ref, LogQuery query, LogSink sink) {
    manager.logs(ref, query, sink);
  }

  /**
   * Tells {@code listener} of every event from now on, on the thread that caused it; it should
   * be fast and must not throw.
   *
   * @return closes the subscription
   */
  public AutoCloseable subscribe(Consumer<ManagedEvent> listener) {
    return manager.subscribe(listener);
  }

  /** Stops every running plugin, in parallel, and releases the root. Idempotent. */
  @Override
  public void close() {
    manager.close();
  }
}
