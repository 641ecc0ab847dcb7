package dev.hangar.managed.internal;

import dev.hangar.managed.LogQuery;
import dev.hangar.managed.LogSink;
import dev.hangar.managed.ManagedEvent;
import dev.hangar.managed.ManagedLease;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.managed.ManagedState;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginKind;
import dev.hangar.managed.internal.artifact.Kinds;
import dev.hangar.managed.PluginSettings;
import dev.hangar.managed.internal.config.ConfigJson;
import dev.hangar.managed.internal.config.SetResult;
import dev.hangar.managed.internal.config.Settable;
import dev.hangar.managed.internal.logs.PluginLog;
import dev.hangar.managed.internal.pkg.PackageImporter;
import dev.hangar.managed.internal.ref.PluginIds;
import dev.hangar.managed.internal.ref.References;
import dev.hangar.managed.internal.runtime.HostIds;
import dev.hangar.managed.internal.runtime.OciRuntime;
import dev.hangar.managed.internal.runtime.RuntimeDirs;
import dev.hangar.managed.internal.store.AtomicFiles;
import dev.hangar.managed.internal.store.PluginStore;
import dev.hangar.managed.internal.store.RootLock;
import dev.hangar.managed.internal.store.SavedPlugin;
import dev.hangar.managed.ProgressMessage;
import dev.hangar.managed.PullRequest;
import dev.hangar.managed.PushResult;
import dev.hangar.managed.internal.dist.ContentStore;
import dev.hangar.managed.internal.dist.Distribution;
import dev.hangar.managed.internal.dist.Pulled;
import dev.hangar.managed.internal.ref.RemoteRef;
import dev.hangar.managed.internal.store.ImageDigests;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Digest;
import dev.hangar.registry.Reference;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.internal.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The managed-plugin manager behind {@link dev.hangar.managed.ManagedPlugins}: moby's
 * {@code plugin/manager.go} in Java. Operations on one plugin are serialised by its
 * {@link Entry#op} lock; names are reserved under this object's monitor so that two creates of
 * one name cannot both succeed.
 */
public final class Manager {
  private static final Logger LOG = Logger.getLogger(Manager.class.getName());

  private final ManagedSettings settings;
  private final RootLock lock;
  private final Context ctx;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Set<String> reserved = new HashSet<>();
  private final List<String> problems;
  private final Installed installed;
  private volatile boolean closed;

  private Manager(ManagedSettings settings, RootLock lock, Context ctx, List<String> problems) {
    this.settings = settings;
    this.lock = lock;
    this.ctx = ctx;
    this.problems = problems;
    this.installed = new Installed(settings.root());
  }

  /** See {@link dev.hangar.managed.ManagedPlugins#open}. */
  public static Manager open(ManagedSettings settings) {
    Path dir = settings.root().resolve("managed");
    try {
      AtomicFiles.privateDir(dir);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot create " + dir + ": " + e, e);
    }
    RootLock lock = RootLock.take(dir.resolve(".lock"));
    try {
      PluginStore store = new PluginStore(dir);
      RuntimeDirs dirs = settings.runtimeDir().map(RuntimeDirs::new)
          .orElseGet(() -> RuntimeDirs.forRoot(settings.root(), HostIds.isRoot(), System.getenv()));
      Context ctx = new Context(settings, store, dirs, new LazyRuntime(settings, dirs),
          new Events(), new SocketLinks(settings.publishSockets()));
      PluginStore.Loaded loaded = store.load();
      loaded.problems().forEach(p -> LOG.warning(p));
      Manager m = new Manager(settings, lock, ctx, loaded.problems());
      loaded.plugins().forEach(s -> m.entries.put(s.id(), new Entry(s)));
      ContentStore.clean(dir.resolve("blobs"));
      m.removeLeftoverContainers();
      m.installed.reconcile(loaded.plugins());
      m.restore();
      return m;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Containers left by an earlier owner killed with SIGKILL: killed and deleted. */
  private void removeLeftoverContainers() {
    OciRuntime runtime;
    try {
      runtime = ctx.runtime().get();
    } catch (HangarException e) {
      return; // no runtime: none of its containers can exist; enable will say what to install
    }
    int strays = runtime.killStrayCalls(Duration.ofSeconds(5));
    if (strays > 0) {
      LOG.info("killed " + strays + " runtime call(s) left running by an earlier owner");
    }
    for (String id : runtime.list()) {
      LOG.info("removing container " + id + " left by an earlier run");
      runtime.kill(id, "KILL");
      runtime.delete(id);
    }
    removeUnsavedContainerDirs();
    // The plugins' socket dirs go; the runtime's own state dir stays the runtime's to manage.
    Path base = ctx.dirs().base();
    try (java.util.stream.Stream<Path> dirs = Files.list(base)) {
      for (Path d : dirs.toList()) {
        if (!d.equals(ctx.dirs().runtimeState())) {
          AtomicFiles.deleteTree(d);
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // nothing left behind
    } catch (IOException e) {
      LOG.warning("cannot clear the runtime dir " + base + ": " + e);
    }
  }

  /**
   * The container dirs of the runtime's state dir that hold no {@code state.json}: a create
   * killed before the runtime saved the container. The runtime does not list them, so nothing
   * else would remove them, and the runtime dir could not go at close. Under the root's lock,
   * with no runtime call of an earlier owner left running.
   */
  private void removeUnsavedContainerDirs() {
    try (java.util.stream.Stream<Path> dirs = Files.list(ctx.dirs().runtimeState())) {
      for (Path d : dirs.toList()) {
        if (Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            && !Files.exists(d.resolve("state.json"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          LOG.info("removing " + d + ": a container create stopped before it was saved");
          AtomicFiles.deleteTree(d);
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // no state dir: nothing was created
    } catch (IOException e) {
      LOG.warning("cannot clear the runtime's state dir " + ctx.dirs().runtimeState() + ": " + e);
    }
  }

  /** Enables again, in parallel, every plugin saved as enabled; one that fails ends failed. */
  private void restore() {
    List<Thread> starts = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.saved().enabled()) {
        starts.add(Thread.ofVirtual().name("hangar-restore-" + e.id.substring(0, 12)).start(() -> {
          try {
            enable(e, Duration.ZERO, true);
          } catch (RuntimeException ex) {
            LOG.warning("managed plugin " + e.name() + " did not start again: "
                + ex.getMessage());
          }
        }));
      }
    }
    for (Thread t : starts) {
      try {
        t.join();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public ManagedSettings settings() {
    return settings;
  }

  /** The plugins whose state could not be read at open, one message each. */
  public List<String> problems() {
    return problems;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the managed plugins of " + settings.root()
          + " are closed");
    }
  }

  public ManagedPlugin create(String name, Path dirOrTar) {
    return create(name, staged -> PackageImporter.fromPath(dirOrTar, staged,
        settings.maxPackageBytes()));
  }

  public ManagedPlugin create(String name, InputStream tar) {
    return create(name, staged -> PackageImporter.fromStream(tar, staged,
        settings.maxPackageBytes()));
  }

  private interface Importer {
    byte[] into(Path staging);
  }

  private ManagedPlugin create(String rawName, Importer importer) {
    ensureOpen();
    String name = References.normalize(rawName);
    synchronized (this) {
      if (reserved.contains(name) || byName(name).isPresent()) {
        throw exists(name);
      }
      reserved.add(name);
    }
    Path staged = null;
    try {
      staged = ctx.store().stage();
      Path pkg = staged.resolve("package");
      PluginConfig config = Kinds.requireDocker(ConfigJson.parse(importer.into(pkg),
          "config.json"), "config.json");
      Files.move(pkg.resolve("rootfs"), staged.resolve("rootfs"));
      AtomicFiles.deleteTree(pkg);
      SavedPlugin s = new SavedPlugin(PluginIds.random(), name, false, false, Optional.empty(),
          config, PluginSettings.initial(config), name);
      ctx.store().commit(staged, s);
      staged = null;
      Entry e = new Entry(s);
      entries.put(s.id(), e);
      ctx.events().emit("create", s.id(), name, Map.of());
      return e.snapshot();
    } catch (IOException e) {
      throw IoErrors.writeFailed("cannot create plugin " + name + ": " + e, e);
    } finally {
      if (staged != null) {
        try {
          AtomicFiles.deleteTree(staged);
        } catch (IOException e) {
          LOG.warning("cannot remove " + staged + ": " + e);
        }
      }
      synchronized (this) {
        reserved.remove(name);
      }
    }
  }

  private static HangarException exists(String name) {
    return new HangarException(ErrorCode.PLUGIN_EXISTS, "plugin " + name + " already exists");
  }

  private Optional<Entry> byName(String name) {
    return entries.values().stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public List<ManagedPlugin> list() {
    ensureOpen();
    return entries.values().stream().map(Entry::snapshot)
        .sorted(Comparator.comparing(ManagedPlugin::name)).toList();
  }

  public Optional<ManagedPlugin> find(String ref) {
    ensureOpen();
    return resolve(ref).map(Entry::snapshot);
  }

  public ManagedPlugin inspect(String ref) {
    return entry(ref).snapshot();
  }

  /**
   * moby's {@code resolvePluginID}: a full ID, else a normalised name, else a unique ID prefix.
   */
  private Optional<Entry> resolve(String ref) {
    if (ref == null || ref.isEmpty()) {
      return Optional.empty();
    }
    if (PluginIds.isFullId(ref) && entries.containsKey(ref)) {
      return Optional.of(entries.get(ref));
    }
    Optional<String> name = References.tryNormalize(ref);
    if (name.isPresent()) {
      Optional<Entry> e = byName(name.get());
      if (e.isPresent()) {
        return e;
      }
    }
    List<Entry> prefixed = entries.values().stream().filter(e -> e.id.startsWith(ref)).toList();
    if (prefixed.size() > 1) {
      throw new HangarException(ErrorCode.PLUGIN_AMBIGUOUS,
          "multiple plugins found for \"" + ref + "\"");
    }
    return prefixed.stream().findFirst();
  }

  private Entry entry(String ref) {
    ensureOpen();
    return resolve(ref).orElseThrow(() -> new PluginNotFoundException(ref,
        "plugin \"" + ref + "\" not found"));
  }

  public void enable(String ref, Duration clientTimeout) {
    enable(entry(ref), clientTimeout, false);
  }

  private void enable(Entry e, Duration clientTimeout, boolean atStart) {
    e.op.lock();
    try {
      ensureOpen();
      ManagedState s = e.state();
      if (s == ManagedState.ENABLED || s == ManagedState.RESTARTING
          || s == ManagedState.STARTING) {
        throw new HangarException(ErrorCode.PLUGIN_ENABLED,
            "plugin already enabled: plugin " + e.name() + " is enabled");
      }
      e.transition(ManagedState.STARTING);
      boolean container = PluginKind.of(e.saved().config()) == PluginKind.DOCKER;
      Supervisor sup = container ? new Supervisor(e, ctx) : null;
      try {
        if (container) {
          sup.start();
        } else {
          installed.publish(e.saved());
        }
      } catch (RuntimeException ex) {
        if (atStart) {
          String why = "did not start when its owner started: " + ex.getMessage();
          e.saved(e.saved().asFailed(why));
          ctx.store().save(e.saved());
          e.failed(why);
          ctx.events().emit("failed", e.id, e.name(), Map.of("reason", why));
        } else {
          e.transition(ManagedState.DISABLED);
          if (e.saved().failed()) {
            e.saved(e.saved().withEnabled(false));
            ctx.store().save(e.saved());
          }
        }
        throw ex;
      }
      e.supervisor = sup;
      e.clientTimeout = clientTimeout;
      try {
        e.saved(e.saved().withEnabled(true));
        ctx.store().save(e.saved());
      } catch (RuntimeException ex) {
        stop(e);
        throw ex;
      }
      e.transition(ManagedState.ENABLED);
      ctx.events().emit("enable", e.id, e.name(), Map.of());
    } finally {
      e.op.unlock();
    }
  }

  public void disable(String ref, boolean force) {
    Entry e = entry(ref);
    e.op.lock();
    try {
      ensureOpen();
      ManagedState s = e.state();
      if (s == ManagedState.DISABLED) {
        throw new HangarException(ErrorCode.PLUGIN_DISABLED,
            "plugin is already disabled: plugin " + e.name() + " found but disabled");
      }
      if (!force && e.leases.get() > 0) {
        throw inUse(e);
      }
      stop(e);
      e.saved(e.saved().withEnabled(false));
      ctx.store().save(e.saved());
      ctx.events().emit("disable", e.id, e.name(), Map.of());
    } finally {
      e.op.unlock();
    }
  }

  /**
   * Stops the plugin's supervisor, if any, or withdraws a JAR or exec plugin from the hosts, and
   * marks it disabled. Holds {@code e.op}.
   */
  private void stop(Entry e) {
    Supervisor sup = e.supervisor;
    if (sup != null) {
      sup.stop(settings.stopGrace());
      e.supervisor = null;
    }
    if (PluginKind.of(e.saved().config()) != PluginKind.DOCKER) {
      installed.unpublish(e.id);
    }
    if (e.state() != ManagedState.DISABLED) {
      e.transition(ManagedState.DISABLED);
    }
  }

  private static HangarException inUse(Entry e) {
    return new HangarException(ErrorCode.PLUGIN_IN_USE, "plugin " + e.name() + " is in use");
  }

  public void set(String ref, List<String> args) {
    Entry e = entry(ref);
    e.op.lock();
    try {
      ensureOpen();
      if (ManagedTransitions.enabled(e.state()) || e.state() == ManagedState.STARTING) {
        throw new HangarException(ErrorCode.SETTING_INVALID,
            "cannot set on an active plugin, disable plugin before setting");
      }
      SavedPlugin s = e.saved();
      SetResult r = Settable.apply(s.config(), s.settings(), args);
      SavedPlugin next = s.withSettings(r.config(), r.settings());
      ctx.store().save(next);
      e.saved(next);
    } finally {
      e.op.unlock();
    }
  }

  public void remove(String ref, boolean force) {
    Entry e = entry(ref);
    e.op.lock();
    try {
      ensureOpen();
      if (!force) {
        if (e.leases.get() > 0) {
          throw inUse(e);
        }
        if (ManagedTransitions.enabled(e.state())) {
          throw new HangarException(ErrorCode.PLUGIN_ENABLED, "plugin " + e.name()
              + " is enabled");
        }
      }
      if (e.state() != ManagedState.DISABLED && e.state() != ManagedState.FAILED) {
        try {
          stop(e);
        } catch (RuntimeException ex) {
          LOG.log(Level.WARNING, "managed plugin " + e.name() + ": disable before rm failed", ex);
        }
      }
      if (PluginKind.of(e.saved().config()) != PluginKind.DOCKER) {
        installed.unpublish(e.id); // a link left by a crash must not outlive its plugin
      }
      try {
        ctx.store().remove(e.id);
      } catch (IOException ex) {
        throw new HangarException(ErrorCode.IO_ERROR, "cannot remove plugin " + e.name() + ": "
            + ex, ex);
      }
      entries.remove(e.id);
      collectBlobs();
      ctx.events().emit("remove", e.id, e.name(), Map.of());
    } finally {
      e.op.unlock();
    }
  }

  public ManagedLease acquire(String ref, Optional<String> capability) {
    Entry e = entry(ref);
    ManagedPlugin p = e.snapshot();
    if (!p.enabled()) {
      throw new HangarException(ErrorCode.PLUGIN_DISABLED, "plugin " + p.name()
          + " found but disabled");
    }
    if (p.kind() != PluginKind.DOCKER) {
      throw new HangarException(ErrorCode.CAPABILITY_NOT_IMPLEMENTED, "plugin " + p.name()
          + " is a " + p.kind().wireName() + " plugin: it serves no socket");
    }
    if (capability.isPresent() && !p.hasCapability(capability.get())) {
      throw new HangarException(ErrorCode.CAPABILITY_NOT_IMPLEMENTED,
          "plugin does not provide \"" + capability.get().toLowerCase(java.util.Locale.ROOT)
              + "\" capability");
    }
    return new Lease(e, p, ctx.dirs().pluginDir(e.id).resolve(p.config().iface().socket()));
  }

  public List<ManagedPlugin> enabledWith(String capability) {
    return list().stream().filter(p -> p.enabled() && p.hasCapability(capability)).toList();
  }

  public void logs(String ref, LogQuery query, LogSink sink) {
    Entry e = entry(ref);
    PluginLog.read(ctx.store().logs(e.id), query, sink);
  }

  public AutoCloseable subscribe(Consumer<ManagedEvent> listener) {
    return ctx.events().subscribe(listener);
  }

  // Distribution (pull, push, upgrade): in dist.Distribution; these methods only reserve
  // names, install what it staged and keep the entries.

  private Distribution dist;

  private synchronized Distribution dist() {
    if (dist == null) {
      dist = new Distribution(ContentStore.open(ctx.store().dir().resolve("blobs")),
          settings.registry(), settings.signaturePolicy());
    }
    return dist;
  }

  private synchronized void closeDist() {
    if (dist != null) {
      dist.close();
    }
  }

  /** The blobs some plugin refers to. */
  private Set<Digest> usedBlobs() {
    Set<Digest> used = new HashSet<>();
    for (Entry e : entries.values()) {
      e.saved().image().ifPresent(i -> used.addAll(i.all()));
    }
    return used;
  }

  /** Removes the blobs no plugin refers to (and no pull or push under way holds). */
  private void collectBlobs() {
    if (!Files.isDirectory(ctx.store().dir().resolve("blobs"))) {
      return; // no plugin ever came from or went to a registry
    }
    try {
      dist().collect(usedBlobs());
    } catch (HangarException ex) {
      LOG.warning("cannot remove unused blobs: " + ex.getMessage());
    }
  }

  /** See {@link dev.hangar.managed.ManagedPlugins#remoteImage}. */
  public dev.hangar.managed.RemoteImage remoteImage(String remote,
      CredentialSource credentials) {
    ensureOpen();
    return dist().remote(References.remote(remote, "").registry(), credentials);
  }

  /** See {@link dev.hangar.managed.ManagedPlugins#pull}. */
  public ManagedPlugin pull(PullRequest req, Consumer<ProgressMessage> progress) {
    ensureOpen();
    RemoteRef remote = References.remote(req.remote(), req.name());
    String name = remote.localName();
    synchronized (this) {
      if (reserved.contains(name) || byName(name).isPresent()) {
        throw exists(name);
      }
      reserved.add(name);
    }
    Path staged = null;
    try {
      staged = ctx.store().stage();
      try (Pulled p = dist().pull(remote.registry(), req.granted(), req.credentials(), staged,
          settings.maxPackageBytes(), progress)) {
        pulled(remote, name);
        String id = PluginIds.pulled(name, p.image().manifest().toString());
        SavedPlugin s = new SavedPlugin(id, name, false, false, Optional.empty(), p.config(),
            PluginSettings.initial(p.config()), remote.pluginReference(), Optional.of(p.image()));
        ctx.store().commit(staged, s);
        staged = null;
        Entry e = new Entry(s);
        entries.put(s.id(), e);
        return e.snapshot();
      }
    } catch (HangarException e) {
      throw ofPlugin("cannot install plugin " + name, e);
    } catch (IOException e) {
      throw IoErrors.writeFailed("cannot install plugin " + name + ": " + e, e);
    } finally {
      deleteStaged(staged);
      synchronized (this) {
        reserved.remove(name);
      }
    }
  }

  /**
   * moby's event once a pull or an upgrade has fetched everything: action {@code pull}, the
   * Actor's ID being the familiar remote (not the plugin's ID), its name the local name.
   */
  private void pulled(RemoteRef remote, String name) {
    ctx.events().emit("pull", References.familiar(remote.pluginReference()), name, Map.of());
  }

  /**
   * A local file's failure (IO_ERROR, DISK_FULL: a blob, the unpacked rootfs, the state) said
   * of the plugin it concerns, keeping its code; every other error names what it concerns
   * already and passes as it is.
   */
  private static HangarException ofPlugin(String what, HangarException e) {
    if (e.code() != ErrorCode.IO_ERROR && e.code() != ErrorCode.DISK_FULL) {
      return e;
    }
    return new HangarException(e.code(), what + ": " + e.getMessage(), e);
  }

  private static void deleteStaged(Path staged) {
    if (staged != null) {
      try {
        AtomicFiles.deleteTree(staged);
      } catch (IOException e) {
        LOG.warning("cannot remove " + staged + ": " + e);
      }
    }
  }

  /** See {@link dev.hangar.managed.ManagedPlugins#upgrade}. */
  public ManagedPlugin upgrade(String ref, PullRequest req, Consumer<ProgressMessage> progress) {
    Entry e = entry(ref);
    e.op.lock();
    try {
      ensureOpen();
      if (e.state() != ManagedState.DISABLED && e.state() != ManagedState.FAILED) {
        throw new HangarException(ErrorCode.PLUGIN_ENABLED,
            "plugin must be disabled before upgrading: plugin " + e.name() + " is enabled");
      }
      RemoteRef remote = References.remote(req.remote(), "");
      Path staged = null;
      try {
        staged = ctx.store().stage();
        try (Pulled p = dist().pull(remote.registry(), req.granted(), req.credentials(), staged,
            settings.maxPackageBytes(), progress)) {
          pulled(remote, e.name());
          SavedPlugin old = e.saved();
          PluginKind was = PluginKind.of(old.config());
          if (PluginKind.of(p.config()) != was) {
            throw new HangarException(ErrorCode.MANIFEST_INVALID, req.remote() + " is a "
                + PluginKind.of(p.config()).wireName() + " plugin, " + e.name() + " a "
                + was.wireName() + " plugin: an upgrade keeps the kind");
          }
          SavedPlugin next = new SavedPlugin(old.id(), old.name(), old.enabled(), old.failed(),
              old.failure(), p.config(), old.settings(), remote.pluginReference(),
              Optional.of(p.image()));
          ctx.store().upgrade(p.rootfs(), next);
          e.saved(next);
        }
      } catch (HangarException ex) {
        throw ofPlugin("cannot upgrade plugin " + e.name(), ex);
      } catch (IOException ex) {
        throw IoErrors.writeFailed("cannot upgrade plugin " + e.name() + ": " + ex, ex);
      } finally {
        deleteStaged(staged);
      }
      collectBlobs();
      ctx.events().emit("upgrade", e.id, e.name(), Map.of());
      return e.snapshot();
    } finally {
      e.op.unlock();
    }
  }

  /** See {@link dev.hangar.managed.ManagedPlugins#push}. */
  public PushResult push(String ref, CredentialSource credentials,
      Consumer<ProgressMessage> progress) {
    Entry e = entry(ref);
    Reference target = References.pushTarget(e.name());
    ImageDigests image;
    e.op.lock();
    try {
      ensureOpen();
      SavedPlugin s = e.saved();
      image = dist().image(s.image(), s.config(), ctx.store().rootfs(e.id));
      if (s.image().isEmpty() || !s.image().get().equals(image)) {
        SavedPlugin next = s.withImage(Optional.of(image));
        ctx.store().save(next);
        e.saved(next);
      }
    } finally {
      e.op.unlock();
    }
    Optional<String> mountFrom = mountSource(e.saved().pluginReference(), target);
    try (ContentStore.Pin pin = dist().pin(image.all())) {
      return dist().push(target, image, mountFrom, credentials, progress);
    }
  }

  /** The repository a pulled plugin came from, when it is on the registry pushed to. */
  private static Optional<String> mountSource(String pluginReference, Reference target) {
    try {
      Reference from = References.remote(pluginReference, "").registry();
      return from.registry().equals(target.registry())
          && !from.repository().equals(target.repository())
          ? Optional.of(from.repository()) : Optional.empty();
    } catch (HangarException ex) {
      return Optional.empty();
    }
  }

  /** Stops every running plugin in parallel (their saved state kept), then releases the root. */
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    List<Thread> stops = new ArrayList<>();
    for (Entry e : entries.values()) {
      Supervisor sup = e.supervisor;
      if (sup != null) {
        stops.add(Thread.ofVirtual().start(() -> {
          sup.stop(settings.stopGrace());
          e.supervisor = null;
        }));
      }
    }
    for (Thread t : stops) {
      try {
        t.join();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    closeDist();
    removeRuntimeDirsIfEmpty();
    lock.close();
  }

  /**
   * The runtime dir and the runtime's state dir in it, when nothing is left in them (every
   * plugin stopped): a closed root leaves nothing under {@code /run/hangar}. Still under the
   * root's lock, so no next owner is using them yet.
   */
  private void removeRuntimeDirsIfEmpty() {
    for (Path dir : List.of(ctx.dirs().runtimeState(), ctx.dirs().base())) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        return; // not empty (a container that would not stop), or not ours to remove
      }
    }
  }
}
