package dev.hangar.internal.jar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded generation of a JAR plugin: its class loader, implementation and attributes. Calls
 * {@link #enter} and {@link #exit} around their use; {@link #retire} stops new calls, waits a
 * bounded time for running ones, then closes the implementation (when {@link AutoCloseable}) and
 * the class loader.
 */
final class LoadedJar {
  private final Path file;
  private final JarFileName fileName;
  private final PluginClassLoader loader;
  private final Object implementation;
  private final Map<String, String> attributes;
  private final List<String> warnings;
  private final long stamp;
  /** Calls in flight; {@link Integer#MIN_VALUE} added once retired, so it stays negative. */
  private final AtomicInteger calls = new AtomicInteger();

  LoadedJar(Path file, JarFileName fileName, PluginClassLoader loader, Object implementation,
      Map<String, String> attributes, List<String> warnings, long stamp) {
    this.file = file;
    this.fileName = fileName;
    this.loader = loader;
    this.implementation = implementation;
    this.attributes = Map.copyOf(attributes);
    this.warnings = List.copyOf(warnings);
    this.stamp = stamp;
  }

  Path file() {
    return file;
  }

  JarFileName fileName() {
    return fileName;
  }

  PluginClassLoader loader() {
    return loader;
  }

  Object implementation() {
    return implementation;
  }

  Map<String, String> attributes() {
    return attributes;
  }

  List<String> warnings() {
    return warnings;
  }

  long stamp() {
    return stamp;
  }

  /** The scheme of a resource plugin ({@code scheme}, else the legacy {@code schema}). */
  Optional<String> scheme() {
    String s = attributes.get("scheme");
    return Optional.ofNullable(s != null ? s : attributes.get("schema"));
  }

  /** Starts a call; false when retired (the caller then looks up the current generation). */
  boolean enter() {
    if (calls.incrementAndGet() > 0) {
      return true;
    }
    calls.decrementAndGet();
    return false;
  }

  /** Ends a call started by a successful {@link #enter}. */
  void exit() {
    calls.decrementAndGet();
  }

  /**
   * Stops new calls, waits up to {@code drain} for running ones, then closes. Idempotent.
   *
   * @return what closing the implementation threw, if anything
   */
  Optional<Throwable> retire(Duration drain) {
    int before = calls.getAndAdd(Integer.MIN_VALUE);
    if (before < 0) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + drain.toNanos();
    while (calls.get() != Integer.MIN_VALUE && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
    }
    Throwable failure = null;
    if (implementation instanceof AutoCloseable c) {
      Thread t = Thread.currentThread();
      ClassLoader previous = t.getContextClassLoader();
      t.setContextClassLoader(loader);
      try {
        c.close();
      } catch (Throwable e) {
        failure = e;
      } finally {
        t.setContextClassLoader(previous);
      }
    }
    loader.close();
    return Optional.ofNullable(failure);
  }
}
