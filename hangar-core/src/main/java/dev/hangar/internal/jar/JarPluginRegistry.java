package dev.hangar.internal.jar;

import dev.hangar.JarPluginInfo;
import dev.hangar.JarPluginState;
import dev.hangar.api.ApiVersion;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceLister;
import dev.hangar.api.resource.ResourceMetadataGetter;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The JAR plugins of one host: loads every {@code *.jar} of the plugin directories, keeps each
 * loaded plugin's current generation by {@code type/name}, and swaps generations atomically on
 * reload (a {@link ConcurrentHashMap#put}: callers see the old or the new one, never none).
 */
public final class JarPluginRegistry implements AutoCloseable {
  private final List<Path> dirs;
  private final Function<Path, Map<String, String>> options;
  private final Duration initTimeout;
  private final JarPluginLoader loader;
  private final ConcurrentHashMap<String, LoadedJar> live = new ConcurrentHashMap<>();
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

  /**
   * @param dirs the plugin directories, in search order
   * @param options a plugin's options from its JAR's path (throws {@link HangarException} to
   *     refuse it)
   * @param initTimeout the limit of one plugin's init
   */
  public JarPluginRegistry(List<Path> dirs, Function<Path, Map<String, String>> options,
      Duration initTimeout) {
    this.dirs = List.copyOf(dirs);
    this.options = Objects.requireNonNull(options, "options");
    this.initTimeout = initTimeout;
    this.loader = new JarPluginLoader(ApiVersion.CURRENT, initTimeout);
  }

  /** The default options: the {@code .properties} file beside the JAR. */
  public static Map<String, String> optionsBesideJar(Path jar) {
    return PluginOptions.besideJar(jar);
  }

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
    List<Path> files = DirScan.jars(dirs);
    List<Path> toLoad = new ArrayList<>();
    for (Path f : files) {
      if (force || !Objects.equals(stamps.get(f), DirScan.stamp(f)) || !infos.containsKey(f)) {
        toLoad.add(f);
      }
    }
    Map<Path, Object> outcomes = loadAll(toLoad);
    remember(outcomes);
    Map<Path, JarPluginInfo> next = new LinkedHashMap<>();
    Map<String, Path> keys = new HashMap<>();
    Map<String, Path> schemes = new HashMap<>();
    for (Path f : files) {
      Object o = outcomes.containsKey(f) ? outcomes.get(f) : infos.get(f);
      next.put(f, apply(f, o, keys, schemes));
    }
    for (Map.Entry<Path, JarPluginInfo> old : infos.entrySet()) {
      if (!next.containsKey(old.getKey()) && old.getValue().state() == JarPluginState.LOADED) {
        unload(old.getValue());
      }
      if (!next.containsKey(old.getKey())) {
        stamps.remove(old.getKey());
      }
    }
    infos = next;
  }

  private JarPluginInfo apply(Path f, Object outcome, Map<String, Path> keys,
      Map<String, Path> schemes) {
    Optional<JarFileName> fn = JarFileName.parse(f.getFileName().toString());
    String type = fn.map(JarFileName::type).orElse("");
    String name = fn.map(JarFileName::name).orElse("");
    if (outcome instanceof JarPluginInfo kept) {
      String key = kept.type() + "/" + kept.name();
      if (kept.state() == JarPluginState.LOADED && keys.containsKey(key)) {
        // a new JAR earlier in the search order took over this type/name (and retired this one)
        return failed(f, type, name, LoadException.failed(f.getFileName() + ": plugin " + key
            + " is already loaded from " + keys.get(key)));
      }
      claim(kept, keys, schemes);
      return kept;
    }
    if (outcome instanceof HangarException e) {
      LoadedJar current = fn.map(n -> live.get(n.key())).filter(g -> g.file().equals(f)).orElse(null);
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
    LoadedJar gen = (LoadedJar) outcome;
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
    LoadedJar old = live.put(key, gen);
    resourceInterfaces.remove(key);
    List<String> warnings = new ArrayList<>(gen.warnings());
    if (old != null) {
      old.retire(initTimeout).ifPresent(t -> warnings.add("closing the previous version threw " + t));
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

  private Map<Path, Object> loadAll(List<Path> files) {
    Map<Path, Future<Object>> futures = new LinkedHashMap<>();
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Path f : files) {
        long st = DirScan.stamp(f);
        stamps.put(f, st);
        futures.put(f, exec.submit(() -> loadOne(f, st)));
      }
    }
    Map<Path, Object> out = new HashMap<>();
    futures.forEach((f, fut) -> out.put(f, fut.resultNow()));
    return out;
  }

  private Object loadOne(Path f, long stamp) {
    String fn = f.getFileName().toString();
    try {
      JarFileName name = JarFileName.parse(fn).orElseThrow(() -> LoadException.failed(fn
          + " does not follow the plugin file naming pattern " + JarFileName.EXPECTED
          + ", e.g. d7y-resource-plugin-d7yfs.jar"));
      Map<String, String> opts;
      try {
        opts = Objects.requireNonNull(options.apply(f), "options");
      } catch (HangarException e) {
        throw e;
      } catch (RuntimeException e) {
        throw LoadException.failed(fn + ": its options could not be had: " + e, e);
      }
      return loader.load(f, name, opts, stamp);
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
    LoadedJar g = live.get(key);
    if (g != null && g.file().equals(info.file()) && live.remove(key, g)) {
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

  /** Starts a call on the current generation of {@code key}. */
  LoadedJar enter(String key) {
    while (true) {
      LoadedJar g = live.get(key);
      if (g == null) {
        ensureOpen();
        throw new HangarException(ErrorCode.PLUGIN_NOT_FOUND, "JAR plugin " + key
            + " is not loaded (removed or refused)");
      }
      if (g.enter()) {
        return g;
      }
    }
  }

  /** A handle on plugin {@code type/name} implementing {@code iface}; empty when not loaded. */
  public <T> Optional<T> handle(String type, String name, Class<T> iface) {
    if (!iface.isInterface()) {
      throw new IllegalArgumentException(iface.getName() + " is not an interface");
    }
    ensureLoaded();
    String key = type + "/" + name;
    LoadedJar g = live.get(key);
    if (g == null) {
      return Optional.empty();
    }
    if (!iface.isInstance(g.implementation())) {
      throw new HangarException(ErrorCode.CAPABILITY_NOT_IMPLEMENTED, "JAR plugin " + key + " ("
          + g.implementation().getClass().getName() + ") does not implement " + iface.getName());
    }
    return Optional.of(iface.cast(proxy(key, new Class<?>[] {iface})));
  }

  /** Scheme -> client of every loaded resource plugin, sorted by scheme. */
  public Map<String, ResourceClient> resourceClients() {
    ensureLoaded();
    Map<String, ResourceClient> out = new TreeMap<>();
    for (Map.Entry<String, LoadedJar> e : live.entrySet()) {
      LoadedJar g = e.getValue();
      if (!"resource".equals(g.fileName().type()) || g.scheme().isEmpty()) {
        continue;
      }
      Class<?>[] ifaces = resourceInterfaces.computeIfAbsent(e.getKey(), k -> {
        List<Class<?>> l = new ArrayList<>(List.of(ResourceClient.class));
        for (Class<?> c : List.of(ResourceLister.class, ResourceMetadataGetter.class)) {
          if (c.isInstance(g.implementation())) {
            l.add(c);
          }
        }
        return l.toArray(new Class<?>[0]);
      });
      out.put(g.scheme().get(), (ResourceClient) proxy(e.getKey(), ifaces));
    }
    return out;
  }

  private Object proxy(String key, Class<?>[] ifaces) {
    return Proxy.newProxyInstance(ifaces[0].getClassLoader(), ifaces,
        new CallHandler(this, key, ifaces[0]));
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the plugin host is closed");
    }
  }

  /**
   * Loads the plugins and starts watching the directories: changes are synced (see
   * {@link #sync}) once they have settled for {@link DirWatcher#DEBOUNCE}.
   *
   * @throws HangarException IO_ERROR when the directories cannot be watched
   */
  public synchronized void watch() {
    ensureLoaded();
    if (watcher == null) {
      try {
        watcher = new DirWatcher(dirs, () -> sync(false), e -> { });
      } catch (IOException e) {
        throw new HangarException(ErrorCode.IO_ERROR, "cannot watch the plugin directories "
            + dirs + ": " + e, e);
      }
    }
  }

  /**
   * As {@link #watch()}, reporting what each watched sync did to {@code listener}, and every
   * sync that failed as a whole. Only the first call's listener is used.
   *
   * @throws HangarException IO_ERROR when the directories cannot be watched
   */
  public synchronized void watch(dev.hangar.JarWatchListener listener) {
    Objects.requireNonNull(listener, "listener");
    ensureLoaded();
    if (watcher == null) {
      try {
        watcher = new DirWatcher(dirs, () -> {
          dev.hangar.JarReload r = syncReporting();
          try {
            listener.reloaded(r);
          } catch (RuntimeException ignored) {
            // a listener that throws must not stop the watcher (see JarWatchListener)
          }
        }, e -> {
          try {
            listener.reloadFailed(e instanceof RuntimeException r ? r : new RuntimeException(e));
          } catch (RuntimeException ignored) {
            // as above
          }
        });
      } catch (IOException e) {
        throw new HangarException(ErrorCode.IO_ERROR, "cannot watch the plugin directories "
            + dirs + ": " + e, e);
      }
    }
  }

  private void remember(Map<Path, Object> outcomes) {
    Map<Path, HangarException> m = new TreeMap<>();
    outcomes.forEach((f, o) -> m.put(f, o instanceof HangarException e ? e : null));
    lastLoads = m;
  }

  /** Syncs as {@link #sync}{@code (false)} and says what changed. */
  private synchronized dev.hangar.JarReload syncReporting() {
    Map<Path, JarPluginInfo> before = infos;
    sync(false);
    List<JarPluginInfo> loaded = new ArrayList<>();
    List<JarPluginInfo> reloaded = new ArrayList<>();
    List<JarPluginInfo> refused = new ArrayList<>();
    for (Map.Entry<Path, HangarException> e : lastLoads.entrySet()) {
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
    return new dev.hangar.JarReload(loaded, reloaded, refused, removed, List.copyOf(infos.values()));
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
