package dev.hangar;

import dev.hangar.internal.host.Listing;
import dev.hangar.internal.host.PluginRegistry;
import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.client.ClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds, activates and hands out socket plugins: out-of-process plugins speaking Docker's plugin
 * protocol, found as sockets, {@code .spec} or {@code .json} files in the configured directories.
 *
 * <p>Plugins are activated lazily, by {@code POST /Plugin.Activate}, on the first {@link #get};
 * the activation is cached per plugin, and concurrent callers wait for one activation. A failed
 * activation is not cached: the next {@code get} discovers the plugin afresh. A plugin missing
 * from disk, or whose socket refuses connections, is retried on Docker's schedule (waits of 1, 2,
 * 4, 8 s) within the {@link ClientConfig#backoff() backoff}'s deadline (15 s by default; zero
 * means one attempt), timed by the config's clock; the lookup and the connection attempts of one
 * activation share that deadline. An unusable spec file is not retried. Each
 * {@code Plugin.Activate} call is limited to {@link #DEFAULT_ACTIVATION_TIMEOUT} unless the
 * builder says otherwise.
 *
 * <p>Beyond Docker, a plugin whose call failed at the transport level is activated again before
 * its next call (see {@link SocketPlugin#client()}), and handlers see that re-activation.
 *
 * <p>Thread-safe. Close it to close every client; closing is idempotent, and every method but
 * {@link #close()}, {@link #dirs()}, {@link #find} and {@link #scan} then throws
 * {@link IllegalStateException}.
 *
 * @since 0.1
 */
public final class PluginHost implements AutoCloseable {
  /** The default limit of one {@code Plugin.Activate} call. */
  public static final Duration DEFAULT_ACTIVATION_TIMEOUT = Duration.ofSeconds(10);

  private final DiscoveryDirs dirs;
  private final PluginRegistry registry;

  private PluginHost(Builder b) {
    this.dirs = b.dirs;
    this.registry = new PluginRegistry(b.dirs, b.config, b.activationTimeout, b.factory);
  }

  /** A builder with the defaults: Hangar's directories, {@link ClientConfig#DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The directories searched. */
  public DiscoveryDirs dirs() {
    return dirs;
  }

  /**
   * The plugin {@code name}, activated, provided it implements {@code capability}.
   *
   * @param name the plugin's name
   * @param capability e.g. {@code VolumeDriver}, compared exactly and case-sensitively
   * @return the plugin
   * @throws dev.hangar.protocol.HangarException INVALID_PLUGIN_NAME for a bad name;
   *     PLUGIN_NOT_FOUND (a {@link dev.hangar.protocol.PluginNotFoundException}) when it is still
   *     missing at the deadline; SPEC_INVALID (a {@link dev.hangar.protocol.SpecFileException})
   *     when its file is unusable; PLUGIN_UNREACHABLE, CONNECTION_LOST, PLUGIN_TIMEOUT or
   *     ACTIVATION_FAILED when {@code Plugin.Activate} failed; CAPABILITY_NOT_IMPLEMENTED when
   *     its manifest lacks the capability
   * @throws IllegalStateException when the host is closed
   */
  public SocketPlugin get(String name, String capability) {
    return registry.get(name, capability);
  }

  /**
   * A typed client of the plugin {@code name}: a proxy of {@code iface}, an interface annotated
   * with {@link PluginInterface}, whose value is the capability required. The proxy re-activates
   * the plugin as {@link SocketPlugin#client()} does.
   *
   * @throws IllegalArgumentException when {@code iface} is not an annotated interface
   * @throws dev.hangar.protocol.HangarException as {@link #get(String, String)}
   */
  public <T> T get(String name, Class<T> iface) {
    PluginInterface pi = iface.getAnnotation(PluginInterface.class);
    if (!iface.isInterface() || pi == null) {
      throw new IllegalArgumentException(iface.getName()
          + " is not an interface annotated with @" + PluginInterface.class.getSimpleName());
    }
    return registry.proxy(name, pi.value(), iface);
  }

  /**
   * Every plugin implementing {@code capability}: scans the directories, activates every plugin
   * not yet active in parallel, without retry, and reports each failure by plugin name. Never
   * throws for one plugin's failure.
   *
   * @throws IllegalStateException when the host is closed
   */
  public GetAllResult getAll(String capability) {
    Objects.requireNonNull(capability, "capability");
    registry.ensureOpen();
    return Listing.getAll(registry, capability);
  }

  /**
   * Runs {@code callback} once for every activation of a plugin implementing {@code capability}:
   * at once (on this thread) for the plugins already active, then on the activating thread for
   * every later activation and re-activation. A plugin that is {@link PluginState#STALE} when the
   * callback is registered is delivered when it is activated again.
   *
   * <p>Callbacks should be fast and should not throw. One that throws does not stop the others;
   * its exception reaches the caller whose {@code get}, call or {@code handle} triggered it (for
   * {@link #getAll} and {@link #list}, it is that plugin's failure).
   *
   * @return a registration; close it to stop further calls
   * @throws IllegalStateException when the host is closed
   */
  public HandlerRegistration handle(String capability, Consumer<SocketPlugin> callback) {
    return registry.handle(capability, callback);
  }

  /**
   * Every discovered plugin, for listings: each not yet active is activated in parallel without
   * retry. Unusable files appear as {@link PluginState#FAILED} entries naming the file. Sorted by
   * name.
   *
   * @throws IllegalStateException when the host is closed
   */
  public List<PluginInfo> list() {
    registry.ensureOpen();
    return Listing.list(registry);
  }

  /**
   * Looks a plugin up on disk, without activating it and without retry.
   *
   * @throws dev.hangar.protocol.HangarException INVALID_PLUGIN_NAME for a bad name, SPEC_INVALID
   *     when the file found first is unusable
   */
  public Optional<DiscoveredPlugin> find(String name) {
    return registry.discovery().find(name);
  }

  /** Lists the plugins on disk, without activating any. */
  public ScanResult scan() {
    return registry.discovery().scan();
  }

  /**
   * The plugin {@code name}, activated, whatever it implements (for generic callers such as
   * {@code hangar plugin call}).
   *
   * @throws dev.hangar.protocol.HangarException as {@link #get(String, String)}, except
   *     CAPABILITY_NOT_IMPLEMENTED
   * @throws IllegalStateException when the host is closed
   */
  public SocketPlugin activate(String name) {
    return registry.activate(name);
  }

  /**
   * One plugin for {@code hangar plugin inspect}: found without retry and activated if needed; a
   * failed activation is reported in the snapshot, not thrown.
   *
   * @throws dev.hangar.protocol.HangarException INVALID_PLUGIN_NAME, PLUGIN_NOT_FOUND, or
   *     SPEC_INVALID when the file found first is unusable
   * @throws IllegalStateException when the host is closed
   */
  public PluginInfo inspect(String name) {
    registry.ensureOpen();
    return Listing.inspect(registry, name);
  }

  /** Closes every plugin client and drops every plugin and handler. Idempotent. */
  @Override
  public void close() {
    registry.close();
  }

  /** Builds a {@link PluginHost}. Not thread-safe. */
  public static final class Builder {
    private DiscoveryDirs dirs;
    private ClientConfig config = ClientConfig.DEFAULT;
    private Duration activationTimeout = DEFAULT_ACTIVATION_TIMEOUT;
    private PluginClientFactory factory = PluginClientFactory.DEFAULT;

    private Builder() {}

    /**
     * The directories to search. Default: {@link DiscoveryDirs#defaults} under
     * {@link HangarRoot#resolve} of the process environment.
     */
    public Builder dirs(DiscoveryDirs d) {
      this.dirs = Objects.requireNonNull(d, "dirs");
      return this;
    }

    /**
     * The clients' settings. Its {@link ClientConfig#backoff()} also bounds lookups and the
     * connection attempts of activations, and its {@link ClientConfig#clock()} times them.
     */
    public Builder clientConfig(ClientConfig c) {
      this.config = Objects.requireNonNull(c, "clientConfig");
      return this;
    }

    /** The limit of one {@code Plugin.Activate} call (default 10 s). */
    public Builder activationTimeout(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("activation timeout must be positive: " + d);
      }
      this.activationTimeout = d;
      return this;
    }

    /** Makes the plugin clients; default {@link PluginClientFactory#DEFAULT}. */
    public Builder clientFactory(PluginClientFactory f) {
      this.factory = Objects.requireNonNull(f, "clientFactory");
      return this;
    }

    /** The host. */
    public PluginHost build() {
      if (dirs == null) {
        dirs = DiscoveryDirs.defaults(HangarRoot.resolve(Optional.empty(), System.getenv()));
      }
      return new PluginHost(this);
    }
  }
}
