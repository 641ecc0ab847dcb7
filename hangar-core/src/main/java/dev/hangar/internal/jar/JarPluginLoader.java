package dev.hangar.internal.jar;

import dev.hangar.api.ApiVersion;
import dev.hangar.api.Loaded;
import dev.hangar.api.PluginAttributes;
import dev.hangar.api.PluginInit;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.protocol.internal.Durations;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads one plugin JAR: reads it into memory, checks its API version and its service file before
 * any of its code runs, then runs its {@code PluginInit} on the calling thread with the plugin's
 * class loader as context class loader, and checks what init returned. Every failure is a
 * {@link LoadException} naming the file.
 *
 * <p>The init timeout is kept by the caller's watchdog ({@link ParallelLoad}), told when plugin
 * code starts; an init that does not return in time is abandoned with its thread, which cannot be
 * killed and keeps the plugin's class loader alive until it ends.
 */
final class JarPluginLoader {
  private final ApiVersion host;
  private final Duration initTimeout;

  JarPluginLoader(ApiVersion host, Duration initTimeout) {
    this.host = host;
    this.initTimeout = initTimeout;
  }

  /** The outcome of a load whose init was abandoned. */
  LoadException timedOut(String f) {
    return LoadException.failed(f + ": init did not return within "
        + Durations.format(initTimeout)
        + "; abandoned (its thread hangar-init-" + f + " cannot be stopped and may keep running)");
  }

  LoadedJar load(Path file, JarFileName fn, Map<String, String> options, long stamp,
      ParallelLoad.InitWatch watch) {
    String f = file.getFileName().toString();
    JarContents contents = JarContents.read(file);
    checkApiVersion(f, contents);
    List<String> inits = contents.pluginInits();
    if (inits.isEmpty()) {
      throw LoadException.failed(f + " declares no PluginInit: add the line '<your init class>'"
          + " to " + JarContents.SERVICE);
    }
    if (inits.size() > 1) {
      throw LoadException.failed(f + " declares several PluginInit classes " + inits
          + " in " + JarContents.SERVICE + "; a plugin JAR has exactly one");
    }
    PluginClassLoader loader =
        new PluginClassLoader(file, contents);
    try {
      Loaded loaded = runInit(f, inits.get(0), loader, Map.copyOf(options), watch);
      List<String> warnings = new ArrayList<>();
      checkAttributes(f, fn, loaded, warnings);
      return new LoadedJar(file, fn, loader, loaded.implementation(), loaded.attributes(),
          warnings, stamp);
    } catch (RuntimeException | Error e) {
      loader.close();
      throw e;
    }
  }

  private void checkApiVersion(String f, JarContents contents) {
    String v = contents.mainAttribute(PluginAttributes.MANIFEST_API_VERSION);
    if (v == null) {
      throw LoadException.apiVersion(f + " has no " + PluginAttributes.MANIFEST_API_VERSION
          + " in its manifest, so Hangar cannot tell which plugin API it was built against."
          + " Build it with dev.hangar:hangar-plugin-parent as the parent POM, which adds it, or"
          + " add <manifestEntries><Hangar-Api-Version>" + host + "</Hangar-Api-Version>"
          + "</manifestEntries> to the maven-jar-plugin's <archive> configuration");
    }
    ApiVersion plugin;
    try {
      plugin = ApiVersion.parse(v);
    } catch (IllegalArgumentException e) {
      throw LoadException.apiVersion(f + ": manifest " + PluginAttributes.MANIFEST_API_VERSION
          + " '" + v + "' is not MAJOR.MINOR; this Hangar accepts API " + host.major() + ".0 to "
          + host);
    }
    if (!host.accepts(plugin)) {
      String fix = plugin.major() != host.major() || plugin.minor() > host.minor()
          ? "rebuild the plugin against hangar-api " + host + " (or a " + host.major()
              + ".x not newer), or run a Hangar whose API accepts " + plugin
          : "";
      throw LoadException.apiVersion(f + " was built against plugin API " + plugin
          + ", but this Hangar accepts API " + host.major() + ".0 to " + host + ": " + fix);
    }
  }

  private Loaded runInit(String f, String initClass, PluginClassLoader loader,
      Map<String, String> options, ParallelLoad.InitWatch watch) {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    Object out;
    t.setContextClassLoader(loader);
    try {
      watch.initStarted();
      out = init(f, initClass, loader, options);
    } catch (Throwable e) {
      throw describe(f, initClass, e);
    } finally {
      t.setContextClassLoader(previous);
    }
    if (out == null) {
      throw LoadException.failed(f + ": " + initClass + ".init returned null; it must return a"
          + " Loaded(implementation, attributes)");
    }
    return (Loaded) out;
  }

  private static Object init(String f, String initClass, PluginClassLoader loader,
      Map<String, String> options) throws Throwable {
    Class<?> c;
    try {
      c = Class.forName(initClass, true, loader);
    } catch (ClassNotFoundException e) {
      throw LoadException.failed(f + ": PluginInit class " + initClass + " named in "
          + JarContents.SERVICE + " is not in the JAR", e);
    }
    if (!PluginInit.class.isAssignableFrom(c)) {
      throw LoadException.failed(f + ": " + initClass + " does not implement "
          + PluginInit.class.getName());
    }
    Object instance;
    try {
      instance = c.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw LoadException.failed(f + ": " + initClass
          + " needs a public no-argument constructor and must be public", e);
    } catch (InvocationTargetException e) {
      throw LoadException.failed(f + ": the constructor of " + initClass + " threw "
          + e.getCause(), e.getCause());
    }
    return ((PluginInit) instance).init(options);
  }

  private static LoadException describe(String f, String initClass, Throwable e) {
    if (e instanceof LoadException le) {
      return le;
    }
    if (e instanceof ExceptionInInitializerError eie) {
      Throwable cause = eie.getCause() == null ? eie : eie.getCause();
      return LoadException.failed(f + ": a static initializer threw " + cause, e);
    }
    if (e instanceof LinkageError) {
      return LoadException.failed(f + ": class linkage failed (a class or library missing or"
          + " incompatible, or a static initializer failed earlier): " + e, e);
    }
    return LoadException.failed(f + ": " + initClass + ".init threw " + e, e);
  }

  private static void checkAttributes(String f, JarFileName fn, Loaded loaded,
      List<String> warnings) {
    Map<String, String> a = loaded.attributes();
    for (String key : List.of(PluginAttributes.TYPE, PluginAttributes.NAME)) {
      if (a.get(key) == null || a.get(key).isBlank()) {
        throw LoadException.failed(f + ": init returned no '" + key + "' attribute (attributes: "
            + new java.util.TreeMap<>(a) + ")");
      }
    }
    if (!a.get(PluginAttributes.TYPE).equals(fn.type())
        || !a.get(PluginAttributes.NAME).equals(fn.name())) {
      throw LoadException.failed(f + ": init says type '" + a.get(PluginAttributes.TYPE)
          + "' and name '" + a.get(PluginAttributes.NAME) + "', but the file name says type '"
          + fn.type() + "' and name '" + fn.name() + "'");
    }
    if (!PluginAttributes.RESOURCE_TYPE.equals(fn.type())) {
      return;
    }
    if (!(loaded.implementation() instanceof ResourceClient)) {
      throw LoadException.failed(f + ": a resource plugin's implementation must implement "
          + ResourceClient.class.getName() + ", but init returned a "
          + loaded.implementation().getClass().getName());
    }
    if (a.get(PluginAttributes.SCHEME) == null) {
      if (a.get(PluginAttributes.LEGACY_SCHEME) == null) {
        throw LoadException.failed(f + ": a resource plugin must give the attribute 'scheme'");
      }
      warnings.add("attribute 'schema' is the old spelling: return 'scheme' instead");
    }
  }
}
