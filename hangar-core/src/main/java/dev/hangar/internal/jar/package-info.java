/**
 * JAR plugins: the machinery behind {@link dev.hangar.PluginHost#jarPlugins()},
 * {@link dev.hangar.PluginHost#jar} and {@link dev.hangar.PluginHost#resourceClients()}. Not API.
 *
 * <ul>
 *   <li>{@link dev.hangar.internal.jar.DirScan}: one listing per plugin directory; every
 *       {@code *.jar} in it, stamped by the size, modification time and file key of the JAR and
 *       of its {@code .properties} options file (looked up in the same listing, so a JAR without
 *       one costs no lookup). A {@code .jar} not named {@code <vendor>-<type>-plugin-<name>.jar}
 *       is refused with the expected pattern.
 *   <li>{@link dev.hangar.internal.jar.JarContents} and {@link dev.hangar.internal.jar.ZipIndex}:
 *       the JAR is read into memory in one go and closed at once: it is never held open or
 *       locked, nothing is extracted, and no temporary files exist to clean up. Only the central
 *       directories (of the JAR and its bundled {@code lib/*.jar}) are indexed when loading;
 *       entries are inflated when first used. The cost is heap equal to the compressed size of
 *       the JAR while it is loaded. Signatures are not verified; multi-release entries
 *       ({@code META-INF/versions}) are not used.
 *   <li>{@link dev.hangar.internal.jar.ParallelLoad}: the JARs of one sync load in parallel on
 *       a few daemon threads {@code hangar-load-N} (two more than the processors, at most 16);
 *       outcomes are applied in directory and file order, so the result does not depend on
 *       timing.
 *   <li>{@link dev.hangar.internal.jar.JarPluginLoader}: checks {@code Hangar-Api-Version} and
 *       the {@code PluginInit} service file before any plugin code runs, then runs init on the
 *       loading thread with the plugin's class loader as context class loader. The syncing thread
 *       is the watchdog of the init timeout (10 s by default): an init that runs longer is
 *       reported and abandoned, its thread renamed {@code hangar-init-<file>} and replaced. A
 *       Java thread cannot be killed, so it may keep running (and keep its class loader alive)
 *       until it returns; what it returns then is closed.
 *   <li>{@link dev.hangar.internal.jar.PluginClassLoader}: one per plugin; JDK packages and
 *       {@code dev.hangar.api.*} from the host, the rest child-first from the plugin.
 *   <li>{@link dev.hangar.internal.jar.JarPluginRegistry}: a {@code PluginSlot} per
 *       {@code type/name} holds the current generation in a volatile field; a reload swaps it
 *       (callers see the old or the new one, never none), then the old generation stops taking
 *       calls, waits up to the init timeout for running ones, closes its implementation (when
 *       {@code AutoCloseable}) and its class loader.
 *   <li>{@link dev.hangar.internal.jar.SlotHandle} ({@link dev.hangar.JarHandle}) and
 *       {@link dev.hangar.internal.jar.CallHandler} (the proxies): each call reads the slot,
 *       enters the generation (a mark in the thread's {@code CallCells} cell, one volatile
 *       store, cleared by a plain one; else an atomic addition on a per-thread-group stripe, and
 *       one to leave), and sets the context class loader. The proxy calls through a cached
 *       {@code MethodHandle}; the {@code JarHandle} calls the caller's function directly.
 *   <li>{@link dev.hangar.internal.watch.DirWatcher}: the optional {@code WatchService}, syncing
 *       300 ms after the last change; a missing directory is looked for every second and watched
 *       once it exists.
 * </ul>
 */
package dev.hangar.internal.jar;
