package dev.hangar;

import dev.hangar.api.resource.ResourceClient;
import dev.hangar.exec.ExecResult;
import dev.hangar.exec.ExecSettings;
import dev.hangar.internal.exec.ExecRegistry;
import dev.hangar.internal.host.Listing;
import dev.hangar.internal.host.PluginRegistry;
import dev.hangar.internal.jar.JarPluginRegistry;
import dev.hangar.internal.observe.GuardedObserver;
import dev.hangar.managed.InstalledPlugins;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.client.ClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

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
 * <p>It also loads JAR plugins ({@link #jarPlugins}, {@link #jar}, {@link #resourceClients}):
 * every {@code <vendor>-<type>-plugin-<name>.jar} in the {@link Builder#pluginDirs plugin
 * directories}, on first use of one of those methods (or at build time when
 * {@link Builder#watch watching}). Each gets a class loader of its own; see
 * {@code docs/protocol.md} for the loading rules.
 *
 * <p>And it runs exec plugins, core0's model ({@link #exec}, {@link #execs}): executables
 * declared by {@code [plugin.<domain>]} tables in the {@code .plugin.toml} files of the
 * {@link Builder#execDirs exec directories}. They share the registry: {@link #list} and
 * {@link #inspect} show them as kind {@value PluginInfo#EXEC}. Their capabilities are their
 * exported methods: an exec plugin "implements" {@code version} when it exports it
 * ({@link PluginInfo#implementsList()}, {@link ExecPlugins#exporting}); the socket-only lookups
 * ({@link #get}, {@link #getAll}, {@link #find}, {@link #activate}, {@link #handle}) do not return
 * them. See {@code docs/protocol.md} section 12 for the contract.
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

  /** The default limit of one JAR plugin's {@code init}. */
  public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);

  private final DiscoveryDirs dirs;
  private final PluginRegistry registry;
  private final JarPluginRegistry jars;
  private final ExecRegistry execs;
  private final ExecPlugins execPlugins;
  private final ManagedPlugins managed;
  private final Optional<Path> installedRoot;

  private PluginHost(Builder b) {
    this.dirs = b.dirs;
    HostObserver observer = GuardedObserver.of(b.observer);
    this.registry = new PluginRegistry(b.dirs, b.config, b.activationTimeout, b.factory,
        observer);
    Function<String, Map<String, String>> opts = b.pluginOptions;
    this.installedRoot = Optional.ofNullable(b.installedRoot);
    this.jars = new JarPluginRegistry(withInstalledJars(b.pluginDirs),
        opts == null ? JarPluginRegistry.OPTIONS_BESIDE_JAR
            : jar -> opts.apply(jar.getFileName().toString()),
        b.initTimeout, observer);
    this.execs = new ExecRegistry(b.execDirs,
        installedRoot.map(r -> List.of(InstalledPlugins.execDir(r))).orElse(List.of()),
        b.execSettings, observer);
    this.execPlugins = new ExecPlugins(registry, execs);
    this.managed = b.managed == null ? null : ManagedPlugins.open(b.managed);
    if (managed != null) {
      if (observer != HostObserver.NONE) {
        managed.subscribe(e -> observer.event(new PluginEvent(PluginEvent.MANAGED, e.action(),
            e.name(), e.time(), withId(e.attributes(), e.id()))));
      }
      registry.managed(managed);
    }
    if (b.watch) {
      try {
        jars.watch(b.jarWatchListener != null ? b.jarWatchListener : JarWatchListener.NONE);
        execs.watch(b.execWatchListener);
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }
  }

  private static Map<String, String> withId(Map<String, String> attributes, String id) {
    Map<String, String> out = new java.util.HashMap<>(attributes);
    out.put("id", id);
    return out;
  }

  /** {@code dirs} then the installed root's JAR plugins. */
  private List<Path> withInstalledJars(List<Path> dirs) {
    if (installedRoot.isEmpty()) {
      return dirs;
    }
    Path d = InstalledPlugins.jarDir(installedRoot.get());
    if (dirs.contains(d)) {
      return dirs;
    }
    List<Path> out = new java.util.ArrayList<>(dirs);
    out.add(d);
    return List.copyOf(out);
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
   * <p>{@link #managed() Managed plugins} follow moby's {@code CallHandler} instead: the callback
   * runs for one whose {@code Interface.Types} have the capability each time it starts serving,
   * on the thread that started it (when {@code enable} succeeds, before it returns, and after
   * each supervised restart), and at once for those enabled when it is registered; never on the
   * host's activations of them. Being handed to a callback does not put a managed plugin in use.
   * A callback that throws on an enable or restart is logged, and the enable goes on. See
   * {@code docs/protocol.md} section 13.5.
   *
   * @return a registration; close it to stop further calls
   * @throws IllegalStateException when the host is closed
   */
  public HandlerRegistration handle(String capability, Consumer<SocketPlugin> callback) {
    return registry.handle(capability, callback);
  }

  /**
   * Every discovered plugin, for listings: each not yet active is activated in parallel without
   * retry. Unusable files appear as {@link PluginState#FAILED} entries naming the file. Exec
   * plugins follow the same rules (kind {@value PluginInfo#EXEC}; refused declarations are
   * {@code FAILED} entries). Sorted by name, then source. JAR plugins are listed by
   * {@link #jarPlugins}.
   *
   * @throws IllegalStateException when the host is closed
   */
  public List<PluginInfo> list() {
    registry.ensureOpen();
    List<PluginInfo> out = new java.util.ArrayList<>(Listing.list(registry));
    out.addAll(execs.infos());
    out.sort(Listing.ORDER);
    return out;
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
   * failed activation is reported in the snapshot, not thrown. A socket plugin goes first; else
   * the exec plugin of that domain (a refused declaration is a {@code FAILED} snapshot).
   *
   * @throws dev.hangar.protocol.HangarException INVALID_PLUGIN_NAME, PLUGIN_NOT_FOUND, or
   *     SPEC_INVALID when the file found first is unusable
   * @throws IllegalStateException when the host is closed
   */
  public PluginInfo inspect(String name) {
    registry.ensureOpen();
    if (registry.discovery().find(name).isEmpty()) {
      return execs.info(name).orElseThrow(() -> new PluginNotFoundException(name, "plugin "
          + name + " not found: no socket in " + dirs.socketDirs() + ", no .spec or .json file in "
          + dirs.specDirs() + ", no [plugin." + name + "] in the .plugin.toml files of "
          + execs.where()));
    }
    return Listing.inspect(registry, name);
  }

  /**
   * The root whose installed JAR and exec plugins this host loads ({@link Builder#installed}),
   * unless the builder said {@link Builder#noInstalled}.
   *
   * @since 0.3
   */
  public Optional<Path> installedRoot() {
    return installedRoot;
  }

  /**
   * The directories searched for JAR plugins, in order: the builder's, then the installed
   * plugins' {@code <root>/managed/jars}.
   */
  public List<Path> pluginDirs() {
    return jars.dirs();
  }

  /**
   * Every JAR found in the plugin directories, loaded or refused with its reason, sorted by
   * directory and file name. Loads the plugins on first use; never throws for one plugin's
   * failure.
   *
   * @throws IllegalStateException when the host is closed
   */
  public List<JarPluginInfo> jarPlugins() {
    return jars.list();
  }

  /**
   * A handle on the loaded JAR plugin {@code type}/{@code name}: a proxy of {@code iface} that
   * calls the plugin's current implementation (a reload is seen by the next call) with the
   * plugin's class loader as the thread's context class loader. {@code iface} must be visible to
   * plugins, i.e. come from {@code dev.hangar.api} or the JDK.
   *
   * <p>A call on a handle whose plugin was unloaded meanwhile throws a
   * {@link dev.hangar.protocol.HangarException} PLUGIN_NOT_FOUND.
   *
   * @return the handle, or empty when no such plugin is loaded
   * @throws IllegalArgumentException when {@code iface} is not an interface
   * @throws dev.hangar.protocol.HangarException CAPABILITY_NOT_IMPLEMENTED when the plugin's
   *     implementation does not implement {@code iface}
   * @throws IllegalStateException when the host is closed
   */
  public <T> Optional<T> jar(String type, String name, Class<T> iface) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    return jars.handle(type, name, Objects.requireNonNull(iface, "iface"));
  }

  /**
   * A {@link JarHandle} on the loaded JAR plugin {@code type}/{@code name}: the fastest way to
   * call it from Java ({@code handle.call(c -> c.contentLength(request))}), with the same
   * guarantees as the proxies of {@link #jar}, and no reflection.
   *
   * @return the handle, or empty when no such plugin is loaded
   * @throws dev.hangar.protocol.HangarException CAPABILITY_NOT_IMPLEMENTED when the plugin's
   *     implementation is not a {@code T}
   * @throws IllegalStateException when the host is closed
   * @since 0.1
   */
  public <T> Optional<JarHandle<T>> jarHandle(String type, String name, Class<T> iface) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    return jars.jarHandle(type, name, Objects.requireNonNull(iface, "iface"));
  }

  /**
   * Scheme -> client of every loaded resource plugin, sorted by scheme. Each client is a handle
   * as {@link #jar} gives, also implementing {@link dev.hangar.api.resource.ResourceLister} and
   * {@link dev.hangar.api.resource.ResourceMetadataGetter} when the implementation does.
   *
   * @throws IllegalStateException when the host is closed
   */
  public Map<String, ResourceClient> resourceClients() {
    return jars.resourceClients();
  }

  /**
   * Syncs the JAR plugins with the directories now: loads new JARs, reloads changed ones (every
   * loaded one when {@code force}), unloads removed ones. A reload swaps atomically: callers see
   * the old or the new implementation, never none; a failed reload keeps the old one serving.
   *
   * @return the plugins afterwards, as {@link #jarPlugins}
   * @throws IllegalStateException when the host is closed
   */
  public List<JarPluginInfo> reloadJarPlugins(boolean force) {
    jars.sync(force);
    return jars.list();
  }

  /**
   * The exec plugins: listing, lookup by domain or exported method, declaration errors, reload.
   * They share the registry: {@link #list} and {@link #inspect} show them too.
   */
  public ExecPlugins execs() {
    return execPlugins;
  }

  /**
   * Calls an exec plugin, {@code command} being {@code domain.method}; the same as
   * {@code execs().call(command, argsJson)}, which documents results and errors.
   *
   * @throws IllegalStateException when the host is closed
   */
  public ExecResult exec(String command, String argsJson) {
    return execPlugins.call(command, argsJson);
  }

  /**
   * The managed plugins this host owns (moby's model: packages run under an OCI runtime, see
   * {@link ManagedPlugins}), when the builder was given {@link Builder#managed settings} for
   * them. They take part in the socket lookups: a name that resolves to a managed plugin is that
   * plugin ({@code found but disabled} when it is disabled), its capabilities are its
   * {@code Interface.Types}, and {@link #getAll} lists the enabled ones first. A plugin looked up
   * is in use (disable and rm refuse without force) until the host is closed.
   *
   * @since 0.2
   */
  public Optional<ManagedPlugins> managed() {
    return Optional.ofNullable(managed);
  }

  /**
   * Stops watching, closes every plugin client, unloads every JAR plugin, drops every plugin
   * and handler, and stops the managed plugins it owns (their state is kept: they start again
   * with the next owner). Idempotent.
   */
  @Override
  public void close() {
    try {
      execs.close();
      jars.close();
    } finally {
      try {
        registry.close();
      } finally {
        if (managed != null) {
          managed.close();
        }
      }
    }
  }

  /** Builds a {@link PluginHost}. Not thread-safe. */
  public static final class Builder {
    private DiscoveryDirs dirs;
    private ClientConfig config = ClientConfig.DEFAULT;
    private Duration activationTimeout = DEFAULT_ACTIVATION_TIMEOUT;
    private PluginClientFactory factory = PluginClientFactory.DEFAULT;
    private List<Path> pluginDirs;
    private Function<String, Map<String, String>> pluginOptions;
    private boolean watch;
    private Duration initTimeout = DEFAULT_INIT_TIMEOUT;
    private JarWatchListener jarWatchListener;
    private ExecWatchListener execWatchListener = ExecWatchListener.NONE;
    private List<Path> execDirs;
    private ExecSettings execSettings = ExecSettings.DEFAULTS;
    private ManagedSettings managed;
    private Path installedRoot;
    private boolean noInstalled;
    private HostObserver observer = HostObserver.NONE;

    private Builder() {}

    /**
     * Loads the enabled JAR and exec plugins installed from registries into {@code root}
     * ({@code hangar plugin install}; {@code docs/protocol.md} section 16.4): its
     * {@code managed/jars} is searched after the {@link #pluginDirs plugin directories}, and
     * each exec bundle of {@code managed/exec} is read after the {@link #execDirs exec
     * directories}; {@link #watch watching} covers both, so an enable or a disable is seen.
     * Default: the {@link #managed} root when there is one, else {@link HangarRoot#resolve} of the
     * process environment.
     *
     * @since 0.3
     */
    public Builder installed(Path root) {
      this.installedRoot = Objects.requireNonNull(root, "installed").toAbsolutePath().normalize();
      this.noInstalled = false;
      return this;
    }

    /**
     * Told of the plugins' events and of every call through the host (see
     * {@link HostObserver}); {@code hangar-metrics}' {@code HangarMetrics} is one. Exceptions it
     * throws are logged and dropped. Default: {@link HostObserver#NONE}, which costs the call
     * path one branch. Several: {@link HostObserver#all}.
     *
     * @since 0.3
     */
    public Builder observer(HostObserver o) {
      this.observer = Objects.requireNonNull(o, "observer");
      return this;
    }

    /**
     * Loads no installed plugins: only the plugin and exec directories given.
     *
     * @since 0.3
     */
    public Builder noInstalled() {
      this.installedRoot = null;
      this.noInstalled = true;
      return this;
    }

    /**
     * Makes the host own the managed plugins of {@code s.root()}: built, it takes the root's lock
     * (a second owner fails with ROOT_LOCKED), cleans up after an earlier owner and starts again
     * the plugins saved as enabled. Default: no managed plugins.
     *
     * @since 0.2
     */
    public Builder managed(ManagedSettings s) {
      this.managed = Objects.requireNonNull(s, "managed");
      return this;
    }

    /**
     * The directories holding JAR plugins, searched in order. Default: {@code <root>/plugins},
     * the root being {@link HangarRoot#resolve} of the process environment.
     */
    public Builder pluginDirs(List<Path> d) {
      List<Path> out = new java.util.ArrayList<>();
      for (Path p : Objects.requireNonNull(d, "pluginDirs")) {
        out.add(Objects.requireNonNull(p, "pluginDirs element").toAbsolutePath().normalize());
      }
      this.pluginDirs = List.copyOf(out);
      return this;
    }

    /**
     * The options given to each JAR plugin's {@code init}, from the JAR's file name. Default:
     * the {@code .properties} file beside the JAR (UTF-8), else an empty map; an unreadable or
     * malformed file refuses the plugin. A function that throws refuses the plugin too.
     */
    public Builder pluginOptions(Function<String, Map<String, String>> f) {
      this.pluginOptions = Objects.requireNonNull(f, "pluginOptions");
      return this;
    }

    /**
     * Whether to watch the plugin directories and reload changed, added and removed JARs once
     * changes have settled (300 ms without change), and likewise the exec directories, reading
     * the exec declarations again. Default false. JAR plugins are then loaded, and the exec
     * declarations read, when the host is built. A directory missing at the start is watched once
     * it exists.
     */
    public Builder watch(boolean w) {
      this.watch = w;
      return this;
    }

    /**
     * The directories holding exec plugin declarations ({@code *.plugin.toml} and
     * {@code .plugin.toml}), read in order. Default: {@code <root>/exec}, the root being
     * {@link HangarRoot#resolve} of the process environment.
     */
    public Builder execDirs(List<Path> d) {
      List<Path> out = new java.util.ArrayList<>();
      for (Path p : Objects.requireNonNull(d, "execDirs")) {
        out.add(Objects.requireNonNull(p, "execDirs element").toAbsolutePath().normalize());
      }
      this.execDirs = List.copyOf(out);
      return this;
    }

    /**
     * The host-wide limits of exec calls: output kept per call (default 8 MiB), calls at once
     * (default cores x 4), TERM-to-KILL grace (default 2 s). Per-plugin limits (timeout,
     * restarts, queue) come from the declarations.
     */
    public Builder execSettings(ExecSettings s) {
      this.execSettings = Objects.requireNonNull(s, "execSettings");
      return this;
    }

    /**
     * Told what each reload of a {@link #watch watching} host did, and of every reload that
     * failed as a whole. Default: none ({@link JarWatchListener#NONE}). Used only when watching.
     */
    public Builder jarWatchListener(JarWatchListener l) {
      this.jarWatchListener = Objects.requireNonNull(l, "jarWatchListener");
      return this;
    }

    /**
     * Told what each re-read of the exec declarations by a {@link #watch watching} host changed,
     * and of every re-read that failed as a whole. Default: none
     * ({@link ExecWatchListener#NONE}). Used only when watching.
     */
    public Builder execWatchListener(ExecWatchListener l) {
      this.execWatchListener = Objects.requireNonNull(l, "execWatchListener");
      return this;
    }

    /**
     * The limit of one JAR plugin's {@code init} (default 10 s). An init that does not return in
     * time is reported and abandoned; its thread cannot be stopped.
     */
    public Builder initTimeout(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("init timeout must be positive: " + d);
      }
      this.initTimeout = d;
      return this;
    }

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
      if (!noInstalled && installedRoot == null && managed != null) {
        installedRoot = managed.root();
      }
      if (dirs == null || pluginDirs == null || execDirs == null
          || (!noInstalled && installedRoot == null)) {
        Path root = HangarRoot.resolve(Optional.empty(), System.getenv());
        if (dirs == null) {
          dirs = DiscoveryDirs.defaults(root);
        }
        if (pluginDirs == null) {
          pluginDirs = List.of(root.resolve("plugins"));
        }
        if (execDirs == null) {
          execDirs = List.of(root.resolve("exec"));
        }
        if (!noInstalled && installedRoot == null) {
          installedRoot = root;
        }
      }
      return new PluginHost(this);
    }
  }
}
