package dev.hangar;

/**
 * A callback registered with {@link PluginHost#handle}. Closing it stops further calls; a call
 * already running finishes. Idempotent.
 *
 * @since 0.1
 */
public interface HandlerRegistration extends AutoCloseable {
  /** The capability the callback was registered for. */
  String capability();

  /** Stops further calls of the callback. */
  @Override
  void close();
}
