package dev.hangar.managed;

import java.nio.file.Path;

/**
 * A hold on an enabled managed plugin (moby's refcount): while open, {@code disable} and
 * {@code rm} without {@code force} refuse with {@code plugin <n> is in use}. Closing is
 * idempotent.
 *
 * @since 0.2
 */
public interface ManagedLease extends AutoCloseable {
  /** The plugin, as it was when the lease was taken. */
  ManagedPlugin plugin();

  /** The host path of the plugin's socket. */
  Path socket();

  /**
   * The plugin's HTTP client timeout, as Docker's {@code enable?timeout=N} set it (not saved: a
   * restart of the owner sets none); empty for none.
   */
  java.util.Optional<java.time.Duration> clientTimeout();

  /** Releases the hold. */
  @Override
  void close();
}
