package dev.hangar;

/**
 * A handle on a loaded JAR plugin for Java callers, the fastest way through the host: each
 * {@link #call} runs the given function on the plugin's current implementation, with the plugin's
 * class loader as the thread's context class loader, without reflection, so the JIT can inline
 * the function and the plugin's method into the caller. Get one from {@link PluginHost#jarHandle}.
 *
 * <p>The same guarantees as the proxies of {@link PluginHost#jar}: every call goes to the
 * plugin's current generation (a reload is seen by the next call; callers see the old or the new
 * implementation, never none), a reload or unload waits for calls in flight before it closes the
 * old implementation (up to the init timeout), and a call on a plugin that was unloaded meanwhile
 * throws a {@link dev.hangar.protocol.HangarException} PLUGIN_NOT_FOUND.
 *
 * <p>The function must use the implementation only during the call: a reference kept past it
 * would bypass the context class loader, miss reloads, and keep an unloaded plugin's class loader
 * from being collected.
 *
 * <p>Thread-safe; a handle follows its type and name, so a plugin removed and added again is
 * called through the same handle.
 *
 * @param <T> the interface (or class) the implementation is used as
 * @since 0.1
 */
public interface JarHandle<T> {

  /** The plugin's type, e.g. {@code resource}. */
  String type();

  /** The plugin's name, e.g. {@code d7yfs}. */
  String name();

  /** What the implementation is used as. */
  Class<T> iface();

  /**
   * Runs {@code fn} on the current implementation, with the plugin's class loader as the
   * thread's context class loader, and returns its result.
   *
   * @throws X what {@code fn} throws, unchanged
   * @throws dev.hangar.protocol.HangarException PLUGIN_NOT_FOUND when the plugin is no longer
   *     loaded; CAPABILITY_NOT_IMPLEMENTED when a reload replaced it by an implementation that is
   *     not a {@code T}
   * @throws IllegalStateException when the host is closed
   */
  <R, X extends Exception> R call(Call<? super T, ? extends R, X> fn) throws X;

  /**
   * Runs {@code action} on the current implementation, as {@link #call}.
   *
   * @throws X what {@code action} throws, unchanged
   * @throws dev.hangar.protocol.HangarException as {@link #call}
   * @throws IllegalStateException when the host is closed
   */
  <X extends Exception> void run(Action<? super T, X> action) throws X;

  /**
   * A function of the implementation that may throw a checked exception ({@code X} is inferred
   * as {@link RuntimeException} when it throws none).
   *
   * @param <T> the implementation's type
   * @param <R> the result
   * @param <X> what it throws
   */
  @FunctionalInterface
  interface Call<T, R, X extends Exception> {
    /** Uses the implementation. */
    R apply(T implementation) throws X;
  }

  /**
   * An action on the implementation that may throw a checked exception.
   *
   * @param <T> the implementation's type
   * @param <X> what it throws
   */
  @FunctionalInterface
  interface Action<T, X extends Exception> {
    /** Uses the implementation. */
    void accept(T implementation) throws X;
  }
}
