package dev.hangar.internal.jar;

import dev.hangar.JarHandle;
import dev.hangar.JarPluginInfo;
import dev.hangar.JarPluginState;
import dev.hangar.JarReload;
import dev.hangar.JarWatchListener;
import dev.hangar.api.ApiVersion;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceLister;
import dev.hangar.api.resource.ResourceMetadataGetter;
import dev.hangar.internal.watch.DirWatcher;
import dev.hangar.internal.watch.ListenerCalls;
import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The JAR plugins of one host: loads every {@code *.jar} of the plugin directories, keeps each
 * loaded plugin's current generation by {@code type/name}, and swaps generations atomically on
 * reload (a {@link ConcurrentHashMap#put}: callers see the old or the new one, never none).
 */
public final class JarPluginRegistry implements AutoCloseable {
  /** The outcome of a load whose file turned out not to be a regular file: not listed. */
  private static final Object NOT_A_FILE = new Object();

  private final List<Path> dirs;
  private final Function<Path, Map<String, String>> options;
  private final Duration initTimeout;
  private final JarPluginLoader loader;
  /** Every type/name ever loaded, with its current generation (if any). Never shrinks. */
  private final ConcurrentHashMap<String, PluginSlot> slots = new ConcurrentHashMap<>();
  private final Map<String, Class<?>[]> resourceInterfaces = new ConcurrentHashMap<>();
  /** Every JAR found by the last sync, by file. Guarded by {@code this}. */
  private Map<Path, JarPluginInfo> infos = new LinkedHashMap<>();
  /** The stamp of each file last loaded (or refused). Guarded by {@code this}. */
  private final Map<Path, Long> stamps = new HashMap<>();
  private boolean synced;
  /**
   * The files the last sync loaded, each with its refusal, or null when it loaded (no generation
   * is kept here: it would pin its class loader). Guarded by {@code this}.
   */
  private Map<Path, HangarException> lastLoads = Map.of();
  private DirWatcher watcher;
  private volatile boolean closed;
  private final HostObserver observer;

  /**
   * @param dirs the plugin directories, in search order
   * @param options a plugin's options from its JAR's path (throws {@link HangarException} to
   *     refuse it)
   * @param initTimeout the limit of one plugin's init
   */
  public JarPluginRegistry(List<Path> dirs, Function<Path, Map<String, String>> options,
      Duration initTimeout) {
    this(dirs, options, initTimeout, HostObserver.NONE);
  }

  /**
   * @param observer told of each JAR loaded, refused and unloaded
   */
  public JarPluginRegistry(List<Path> dirs, Function<Path, Map<String, String>> options,
      Duration initTimeout, HostObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.dirs = List.copyOf(dirs);
    this.options = Objects.requireNonNull(options, "options");
    this.initTimeout = initTimeout;
    this.loader = new JarPluginLoader(ApiVersion.CURRENT, initTimeout);
  }

  /** The default options: the {@code .properties} file beside the JAR. */
  public static Map<String, String> optionsBesideJar(Path jar) {
    return PluginOptions.besideJar(jar);
  }

  /**
   * {@link #optionsBesideJar} as a constant: given to the constructor, the registry reads the
   * options file only when the directory listing showed one.
   */
  public static final Function<Path, Map<String, String>> OPTIONS_BESIDE_JAR =
      JarPluginRegistry::optionsBesideJar;

  /** The directories searched. */
  public List<Path> dirs() {
    return dirs;
  }

  /** Loads the plugins once, on first use. */
  public synchronized void ensureLoaded() {
    ensureOpen();
    if (!synced) {
      sync(false);
    }
  }

  /**
   * Brings the plugins in line with the directories: loads new JARs, reloads changed ones (or
   * every one when {@code force}), unloads removed ones. A failed reload keeps the previous
   * generation serving and records the failure as a warning.
   */
  public synchronized void sync(boolean force) {
    ensureOpen();
    synced = true;
    // when every JAR loads anyway, the workers stamp them (in parallel)
    boolean all = force || stamps.isEmpty();
    List<DirScan.Found> found = DirScan.scan(dirs, !all);
    List<DirScan.Found> toLoad = new ArrayList<>();
    for (DirScan.Found f : found) {
      if (all || !Objects.equals(stamps.get(f.jar()), f.stamp()) || !infos.containsKey(f.jar())) {
        toLoad.add(f);
      }
    }
    Map<Path, Object> outcomes = loadAll(toLoad);
    List<Path> files = new ArrayList<>(found.size());
    for (DirScan.Found f : found) {
      if (outcomes.get(f.jar()) != NOT_A_FILE) {
        files.add(f.jar());
      }
    }
    outcomes.values().removeIf(o -> o == NOT_A_FILE);
    remember(outcomes);
    Map<Path, JarPluginInfo> next = new LinkedHashMap<>();
    Map<String, Path> keys = new HashMap<>();
    Map<String, Path> schemes = new HashMap<>();
    for (Path f : files) {
      Object o = outcomes.containsKey(f) ? outcomes.get(f) : infos.get(f);
      JarPluginInfo info = apply(f, o, keys, schemes);
      next.put(f, info);
      if (outcomes.containsKey(f)) {
        tell(info.state() == JarPluginState.LOADED ? PluginEvent.LOADED : PluginEvent.REFUSED,
            info);
      }
    }
    for (Map.Entry<Path, JarPluginInfo> old : infos.entrySet()) {
      if (!next.containsKey(old.getKey()) && old.getValue().state() == JarPluginState.LOADED) {
        unload(old.getValue());
        tell(PluginEvent.UNLOADED, old.getValue());
      }
      if (!next.containsKey(old.getKey())) {
        stamps.remove(old.getKey());
      }
    }
    infos = next;
  }

  private void tell(String action, JarPluginInfo info) {
    Map<String, String> attrs = new HashMap<>();
    attrs.put("file", info.file().toString());
    if (info.error() != null) {
      attrs.put("reason", info.error());
    }
    String name = info.type().isEmpty() ? info.file().getFileName().toString()
        : info.type() + "/" + info.name();
    observer.event(PluginEvent.now(PluginEvent.JAR, action, name, attrs));
  }

  private JarPluginInfo apply(Path f, Object outcome, Map<String, Path> keys,
      Map<String, Path> schemes) {
    if (outcome instanceof JarPluginInfo kept) {
      String key = kept.type() + "/" + kept.name();
      if (kept.state() == JarPluginState.LOADED && keys.containsKey(key)) {
        // a new JAR earlier in the search order took over this type/name (and retired this one)
        return failed(f, kept.type(), kept.name(), LoadException.failed(f.getFileName()
            + ": plugin " + key + " is already loaded from " + keys.get(key)));
      }
      claim(kept, keys, schemes);
      return kept;
    }
    if (outcome instanceof LoadedJar gen) {
      return applyLoaded(f, gen, keys, schemes);
    }
    Optional<JarFileName> fn = JarFileName.parse(f.getFileName().toString());
    String type = fn.map(JarFileName::type).orElse("");
    String name = fn.map(JarFileName::name).orElse("");
    if (outcome instanceof HangarException e) {
      LoadedJar current =
          fn.map(n -> current(n.key())).filter(g -> g.file().equals(f)).orElse(null);
      if (current != null) {
        // a failed reload: the previous generation keeps serving
        List<String> w = new ArrayList<>(current.warnings());
        w.add("reload failed, the previous version keeps serving: " + e.getMessage());
        JarPluginInfo info = loaded(current, w);
        claim(info, keys, schemes);
        return info;
      }
      return failed(f, type, name, e);
    }
    throw new IllegalStateException("unexpected outcome for " + f + ": " + outcome);
  }

  private JarPluginInfo applyLoaded(Path f, LoadedJar gen, Map<String, Path> keys,
      Map<String, Path> schemes) {
    String type = gen.fileName().type();
    String name = gen.fileName().name();
    String key = gen.fileName().key();
    if (keys.containsKey(key)) {
      gen.retire(Duration.ZERO);
      return failed(f, type, name, LoadException.failed(f.getFileName() + ": plugin " + key
          + " is already loaded from " + keys.get(key)));
    }
    String scheme = gen.scheme().orElse(null);
    if (scheme != null && "resource".equals(type) && schemes.containsKey(scheme)) {
      gen.retire(Duration.ZERO);
      return failed(f, type, name, LoadException.failed(f.getFileName() + ": scheme '" + scheme
          + "' is already served by " + schemes.get(scheme)));
    }
    LoadedJar old = slot(key).swap(gen);
    resourceInterfaces.remove(key);
    List<String> warnings = new ArrayList<>(gen.warnings());
    if (old != null) {
      old.retire(initTimeout)
          .ifPresent(t -> warnings.add("closing the previous version threw " + t));
    }
    JarPluginInfo info = loaded(gen, warnings);
    claim(info, keys, schemes);
    return info;
  }

  private static void claim(JarPluginInfo info, Map<String, Path> keys, Map<String, Path> schemes) {
    if (info.state() == JarPluginState.LOADED) {
      keys.put(info.type() + "/" + info.name(), info.file());
      String s = info.attributes().getOrDefault("scheme", info.attributes().get("schema"));
      if (s != null && "resource".equals(info.type())) {
        schemes.put(s, info.file());
      }
    }
  }

  /** Loads {@code files} in parallel ({@link ParallelLoad}); the outcome of each by path. */
  private Map<Path, Object> loadAll(List<DirScan.Found> files) {
    List<String> names = new ArrayList<>(files.size());
    List<ParallelLoad.Load> loads = new ArrayList<>(files.size());
    // each file's stamp, taken by its worker before it reads the file (seen here after the load,
    // or, for an abandoned init, after the init's start was)
    long[] stamped = new long[files.size()];
    for (int i = 0; i < files.size(); i++) {
      DirScan.Found f = files.get(i);
      int index = i;
      names.add(f.jar().getFileName().toString());
      loads.add(watch -> loadOne(f, index, stamped, watch));
    }
    Object[] outcomes = ParallelLoad.run(names, loads, initTimeout, loader::timedOut);
    Map<Path, Object> out = HashMap.newHashMap(files.size());
    for (int i = 0; i < outcomes.length; i++) {
      Path jar = files.get(i).jar();
      out.put(jar, outcomes[i]);
      if (outcomes[i] != NOT_A_FILE) {
        stamps.put(jar, stamped[i]);
      }
    }
    return out;
  }

  private Object loadOne(DirScan.Found found, int index, long[] stamped,
      ParallelLoad.InitWatch watch) {
    Path f = found.jar();
    long stamp = DirScan.stamp(found);
    if (stamp == DirScan.NOT_A_FILE) {
      return NOT_A_FILE;
    }
    stamped[index] = stamp;
    String fn = f.getFileName().toString();
    try {
      JarFileName name = JarFileName.parse(fn).orElseThrow(() -> LoadException.failed(fn
          + " does not follow the plugin file naming pattern " + JarFileName.EXPECTED
          + ", e.g. d7y-resource-plugin-d7yfs.jar"));
      Map<String, String> opts;
      try {
        opts = options == OPTIONS_BESIDE_JAR
            ? (found.options() == null ? Map.of() : PluginOptions.read(f, found.options()))
            : Objects.requireNonNull(options.apply(f), "options");
      } catch (HangarException e) {
        throw e;
      } catch (RuntimeException e) {
        throw LoadException.failed(fn + ": its options could not be had: " + e, e);
      }
      return loader.load(f, name, opts, stamp, watch);
    } catch (HangarException e) {
      return e;
    } catch (RuntimeException e) {
      return LoadException.failed(fn + ": unexpected failure while loading: " + e, e);
    }
  }

  private static JarPluginInfo loaded(LoadedJar g, List<String> warnings) {
    return new JarPluginInfo(g.file(), g.fileName().type(), g.fileName().name(), g.attributes(),
        JarPluginState.LOADED, null, null, warnings);
  }

  private static JarPluginInfo failed(Path f, String type, String name, HangarException e) {
    return new JarPluginInfo(f, type, name, Map.of(), JarPluginState.FAILED, e.getMessage(),
        e.code(), List.of());
  }

  private void unload(JarPluginInfo info) {
    String key = info.type() + "/" + info.name();
    PluginSlot slot = slots.get(key);
    LoadedJar g = slot == null ? null : slot.current();
    if (g != null && g.file().equals(info.file())) {
      slot.swap(null);
      resourceInterfaces.remove(key);
      info.state().moveTo(key, JarPluginState.UNLOADED);
      g.retire(initTimeout);
    }
  }

  /** Every JAR found, sorted by file. */
  public synchronized List<JarPluginInfo> list() {
    ensureLoaded();
    return List.copyOf(infos.values());
  }

  private PluginSlot slot(String key) {
    return slots.computeIfAbsent(key, k -> new PluginSlot(k, this));
  }

  private LoadedJar current(String key) {
    PluginSlot s = slots.get(key);
    return s == null ? null : s.current();
  }

  /** The slot of plugin {@code type/name} if it is loaded as an {@code iface}; else empty. */
  private Optional<PluginSlot> loadedSlot(String type, String name, Class<?> iface) {
    ensureLoaded();
    PluginSlot s = slots.get(type + "/" + name);
    LoadedJar g = s == null ? null : s.current();
    if (g == null) {
      return Optional.empty();
    }
    if (!iface.isInstance(g.implementation())) {
      throw s.notImplementing(g.implementation(), iface);
    }
    return Optional.of(s);
  }

  /** A proxy handle on plugin {@code type/name} implementing {@code iface}; else empty. */
  public <T> Optional<T> handle(String type, String name, Class<T> iface) {
    if (!iface.isInterface()) {
      throw new IllegalArgumentException(iface.getName() + " is not an interface");
    }
    return loadedSlot(type, name, iface).map(s -> iface.cast(proxy(s, new Class<?>[] {iface})));
  }

  /** A {@link JarHandle} on plugin {@code type/name} used as an {@code iface}; else empty. */
  public <T> Optional<JarHandle<T>> jarHandle(String type, String name, Class<T> iface) {
    return loadedSlot(type, name, iface).map(s -> new SlotHandle<>(s, type, name, iface));
  }

  /** Scheme -> client of every loaded resource plugin, sorted by scheme. */
  public Map<String, ResourceClient> resourceClients() {
    ensureLoaded();
    Map<String, ResourceClient> out = new TreeMap<>();
    for (PluginSlot slot : slots.values()) {
      LoadedJar g = slot.current();
      if (g == null || !"resource".equals(g.fileName().type()) || g.scheme().isEmpty()) {
        continue;
      }
      Class<?>[] ifaces = resourceInterfaces.computeIfAbsent(slot.key(), k -> {
        List<Class<?>> l = new ArrayList<>(List.of(ResourceClient.class));
        for (Class<?> c : List.of(ResourceLister.class, ResourceMetadataGetter.class)) {
          if (c.isInstance(g.implementation())) {
            l.add(c);
          }
        }
        return l.toArray(new Class<?>[0]);
      });
      out.put(g.scheme().get(), (ResourceClient) proxy(slot, ifaces));
    }
    return out;
  }

  private Object proxy(PluginSlot slot, Class<?>[] ifaces) {
    return Proxy.newProxyInstance(ifaces[0].getClassLoader(), ifaces,
        new CallHandler(slot, ifaces[0], observer));
  }

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the plugin host is closed");
    }
  }

  /**
   * Loads the plugins and starts watching the directories: changes are synced (see
   * {@link #sync}) once they have settled for {@link DirWatcher#DEBOUNCE}; what each watched
   * sync did goes to {@code listener}, and every sync that failed as a whole. Only the first
   * call's listener is used.
   *
   * @throws HangarException IO_ERROR when the directories cannot be watched
   */
  public synchronized void watch(JarWatchListener listener) {
    Objects.requireNonNull(listener, "listener");
    startWatching(() -> {
      JarReload r = syncReporting();
      ListenerCalls.quietly(() -> listener.reloaded(r));
    }, e -> ListenerCalls.quietly(() -> listener.reloadFailed(ListenerCalls.unchecked(e))));
  }

  /** Loads the plugins and, unless already watching, starts the watcher. */
  private void startWatching(Runnable onChange, Consumer<Throwable> onError) {
    ensureLoaded();
    if (watcher == null) {
      try {
        watcher = new DirWatcher("hangar-plugin-watch", dirs, onChange, onError);
      } catch (IOException e) {
        throw new HangarException(ErrorCode.IO_ERROR, "cannot watch the plugin directories "
            + dirs + ": " + e, e);
      }
    }
  }

  private void remember(Map<Path, Object> outcomes) {
    // unsorted here: only a watch listener's report needs the order (see syncReporting)
    Map<Path, HangarException> m = HashMap.newHashMap(outcomes.size());
    outcomes.forEach((f, o) -> m.put(f, o instanceof HangarException e ? e : null));
    lastLoads = m;
  }

  /** Syncs as {@link #sync}{@code (false)} and says what changed. */
  private synchronized JarReload syncReporting() {
    Map<Path, JarPluginInfo> before = infos;
    sync(false);
    List<JarPluginInfo> loaded = new ArrayList<>();
    List<JarPluginInfo> reloaded = new ArrayList<>();
    List<JarPluginInfo> refused = new ArrayList<>();
    for (Map.Entry<Path, HangarException> e : new TreeMap<>(lastLoads).entrySet()) {
      Path f = e.getKey();
      JarPluginInfo now = infos.get(f);
      JarPluginInfo was = before.get(f);
      if (now == null) {
        continue;
      }
      if (e.getValue() != null) {
        refused.add(failed(f, now.type(), now.name(), e.getValue()));
      } else if (now.state() != JarPluginState.LOADED) {
        refused.add(now);
      } else if (was != null && was.state() == JarPluginState.LOADED) {
        reloaded.add(now);
      } else {
        loaded.add(now);
      }
    }
    List<JarPluginInfo> removed = new ArrayList<>();
    before.forEach((f, info) -> {
      if (!infos.containsKey(f)) {
        removed.add(info);
      }
    });
    return new JarReload(loaded, reloaded, refused, removed, List.copyOf(infos.values()));
  }

  /** Unloads every plugin. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (watcher != null) {
      watcher.close();
    }
    for (JarPluginInfo info : infos.values()) {
      if (info.state() == JarPluginState.LOADED) {
        unload(info);
      }
    }
    infos = new LinkedHashMap<>();
  }
}
