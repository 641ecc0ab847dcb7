package dev.hangar.daemon;

/**
 * {@code hangar daemon}: owns the managed plugins of a root and serves Docker's Engine API for
 * plugins (and Hangar's own endpoints) on its listeners. WORK IN PROGRESS: the server is being
 * written; this type's public methods are the contract.
 *
 * <p>{@link #start} returns once every listener accepts; {@link #close} is the ordered shutdown
 * (listeners closed, plugins stopped, sockets removed) and is idempotent.
 *
 * @since 0.2
 */
public final class Daemon implements AutoCloseable {
  private Daemon() {}

  /**
   * Takes the root, starts the managed plugins saved as enabled, and listens.
   *
   * @throws dev.hangar.protocol.HangarException ROOT_LOCKED, USAGE (TCP without TLS, a bad
   *     host), IO_ERROR (a socket that cannot be bound)
   */
  public static Daemon start(DaemonOptions options) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Blocks until {@link #close} has finished (from another thread or a signal handler). */
  public void awaitClosed() throws InterruptedException {
    throw new UnsupportedOperationException("TODO");
  }

  /** The ordered shutdown. Idempotent. */
  @Override
  public void close() {}
}
