package dev.hangar.internal.host;

import dev.hangar.DiscoveredPlugin;
import dev.hangar.GetAllResult;
import dev.hangar.PluginInfo;
import dev.hangar.PluginState;
import dev.hangar.ScanResult;
import dev.hangar.SocketPlugin;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.SpecFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code getAll} and {@code list}: scan, then activate every plugin not yet active in parallel
 * (one virtual thread each), without retry, and report each plugin's outcome.
 */
public final class Listing {
  private Listing() {}

  /** One plugin's outcome: the active plugin, or why it is not. */
  private record Outcome(DiscoveredPlugin found, SocketPlugin plugin, HangarException error) {}

  /** See {@link dev.hangar.PluginHost#getAll}. */
  public static GetAllResult getAll(PluginRegistry registry, String capability) {
    ScanResult scan = registry.discovery().scan();
    List<SocketPlugin> plugins = new ArrayList<>();
    Map<String, HangarException> failures = new LinkedHashMap<>();
    for (Outcome o : activateAll(registry, scan.plugins())) {
      if (o.error() != null) {
        failures.put(o.found().name(), o.error());
      } else if (o.plugin().implementsCapability(capability)) {
        plugins.add(o.plugin());
      }
    }
    plugins.addAll(0, registry.managedWith(capability)); // moby: managed first, no de-duplication
    return new GetAllResult(plugins, failures, scan.problems());
  }

  /** See {@link dev.hangar.PluginHost#list}. */
  public static List<PluginInfo> list(PluginRegistry registry) {
    ScanResult scan = registry.discovery().scan();
    List<PluginInfo> out = new ArrayList<>();
    for (Outcome o : activateAll(registry, scan.plugins())) {
      out.add(info(o));
    }
    for (SpecFileException e : scan.problems()) {
      out.add(new PluginInfo(nameOf(e.file()), PluginInfo.SOCKET, null, List.of(),
          PluginState.FAILED, e.getMessage(), e.file()));
    }
    out.sort(ORDER);
    return out;
  }

  /**
   * Listing order: by name, then by source (none first). Written out: the lambdas of
   * {@code Comparator.comparing(...).thenComparing(...)} are made at run time, several
   * milliseconds of a CLI command's start, where this method's reference is linked ahead of time.
   */
  public static final Comparator<PluginInfo> ORDER = Listing::order;

  private static int order(PluginInfo a, PluginInfo b) {
    int byName = a.name().compareTo(b.name());
    if (byName != 0) {
      return byName;
    }
    if (a.source() == null || b.source() == null) {
      return a.source() == null ? (b.source() == null ? 0 : -1) : 1;
    }
    return a.source().compareTo(b.source());
  }

  /** See {@link dev.hangar.PluginHost#inspect}. */
  public static PluginInfo inspect(PluginRegistry registry, String name) {
    DiscoveredPlugin d = registry.discovery().find(name)
        .orElseThrow(() -> new PluginNotFoundException(name));
    return info(activateOne(registry, d));
  }

  private static PluginInfo info(Outcome o) {
    DiscoveredPlugin d = o.found();
    if (o.error() != null) {
      return new PluginInfo(d.name(), PluginInfo.SOCKET, d.address().url(), List.of(),
          PluginState.FAILED, o.error().getMessage(), d.source());
    }
    SocketPlugin p = o.plugin();
    return new PluginInfo(d.name(), PluginInfo.SOCKET, p.address().url(), p.implementsList(),
        p.state(), null, p.discovered().source());
  }

  private static List<Outcome> activateAll(PluginRegistry registry, List<DiscoveredPlugin> found) {
    List<Future<Outcome>> futures = new ArrayList<>();
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (DiscoveredPlugin d : found) {
        futures.add(exec.submit(() -> activateOne(registry, d)));
      }
    }
    registry.ensureOpen();
    List<Outcome> out = new ArrayList<>();
    for (Future<Outcome> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("unexpected failure of a parallel activation",
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while activating plugins", e);
      }
    }
    return out;
  }

  private static Outcome activateOne(PluginRegistry registry, DiscoveredPlugin d) {
    try {
      return new Outcome(d, registry.acquire(d, registry.noRetry()), null);
    } catch (HangarException e) {
      return new Outcome(d, null, e);
    } catch (IllegalStateException e) {
      throw e; // the host was closed meanwhile
    } catch (RuntimeException e) {
      // e.g. a handler that threw: reported for this plugin, never hiding the others
      return new Outcome(d, null, new HangarException(ErrorCode.INTERNAL,
          "plugin " + d.name() + ": " + e, e));
    }
  }

  /** The plugin name a file would give, or the file name itself. */
  static String nameOf(Path file) {
    String n = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    for (String ext : List.of(".sock", ".spec", ".json")) {
      if (n.endsWith(ext) && n.length() > ext.length()) {
        return n.substring(0, n.length() - ext.length());
      }
    }
    return n;
  }
}
