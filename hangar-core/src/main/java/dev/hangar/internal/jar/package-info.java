/**
 * JAR plugins: the machinery behind {@link dev.hangar.PluginHost#jarPlugins()},
 * {@link dev.hangar.PluginHost#jar} and {@link dev.hangar.PluginHost#resourceClients()}. Not API.
 *
 * <ul>
 *   <li>{@link dev.hangar.internal.jar.DirScan}: every {@code *.jar} of the plugin directories;
 *       other files are ignored. A {@code .jar} not named {@code <vendor>-<type>-plugin-<name>.jar}
 *       is refused with the expected pattern.
 *   <li>{@link dev.hangar.internal.jar.JarContents}: the JAR and its bundled {@code lib/*.jar}
 *       libraries are read into memory once and the file closed at once: the JAR is never held
 *       open or locked, nothing is extracted, and no temporary files exist to clean up. The cost is
 *       heap equal to the (uncompressed) size of the plugin's entries while it is loaded.
 *       Signatures are not verified; multi-release entries ({@code META-INF/versions}) are not
 *       used.
 *   <li>{@link dev.hangar.internal.jar.JarPluginLoader}: checks {@code Hangar-Api-Version} and
 *       the {@code PluginInit} service file before any plugin code runs, then runs init on a
 *       daemon thread {@code hangar-init-<file>} with the plugin's class loader as context class
 *       loader, bounded by the init timeout (10 s by default). An init that times out is
 *       abandoned: a Java thread cannot be killed, so it may keep running (and keep its class
 *       loader alive) until it returns.
 *   <li>{@link dev.hangar.internal.jar.PluginClassLoader}: one per plugin; JDK packages and
 *       {@code dev.hangar.api.*} from the host, the rest child-first from the plugin.
 *   <li>{@link dev.hangar.internal.jar.JarPluginRegistry}: the current generation of each
 *       {@code type/name}; a reload swaps it atomically in a {@code ConcurrentHashMap}, then the
 *       old generation stops taking calls, waits up to the init timeout for running ones, closes
 *       its implementation (when {@code AutoCloseable}) and its class loader. Changes are found by
 *       the size, modification time and file key of the JAR and its {@code .properties} file.
 *   <li>{@link dev.hangar.internal.jar.CallHandler}: the handles given out; each call enters the
 *       current generation and sets the context class loader.
 *   <li>{@link dev.hangar.internal.jar.DirWatcher}: the optional {@code WatchService}, syncing
 *       300 ms after the last change; directories missing when watching starts are not watched.
 * </ul>
 */
package dev.hangar.internal.jar;
