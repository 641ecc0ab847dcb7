package dev.hangar.observe;

import java.util.List;

/**
 * Told by a {@link dev.hangar.PluginHost} of its plugins' events and calls. Every method has an
 * empty default; implementations must be thread-safe and fast (the call methods run on the call
 * path), and should not throw: an exception is logged and dropped.
 *
 * <p>A call is every call a caller makes through the host: a socket plugin's
 * {@code PluginClient} call or proxy method (kind {@value PluginEvent#SOCKET}, or
 * {@value PluginEvent#MANAGED} for a managed plugin; {@code Plugin.Activate} is an activation,
 * not a call), an exec plugin's {@code domain.method} ({@value PluginEvent#EXEC}, all of its runs
 * as one call) and a JAR plugin proxy's method ({@value PluginEvent#JAR}).
 *
 * @since 0.3
 */
public interface HostObserver {
  /** The observer that observes nothing. */
  HostObserver NONE = new HostObserver() {};

  /** Something happened to a plugin. */
  default void event(PluginEvent event) {}

  /** A call of {@code plugin}'s {@code method} starts. */
  default void callStarted(String kind, String plugin, String method) {}

  /**
   * The call started last by this thread for the same plugin and method ended.
   *
   * @param outcome {@code ok}, else the {@link dev.hangar.protocol.ErrorCode} name of the
   *     failure, or {@code error} for a failure that is not a Hangar error (a JAR plugin's own
   *     exception)
   * @param nanos how long it took
   */
  default void callEnded(String kind, String plugin, String method, String outcome,
      long nanos) {}

  /** An exec plugin's call ended with the exit status of its last run (-1: none). */
  default void execExited(String plugin, String method, int status) {}

  /** {@code bytes} were downloaded through a resource client of {@code scheme}. */
  default void downloaded(String scheme, long bytes) {}

  /**
   * Tells every one of {@code observers}, in order; one that throws does not stop the others
   * (the first exception is thrown once all were told).
   */
  static HostObserver all(List<HostObserver> observers) {
    List<HostObserver> list = List.copyOf(observers);
    if (list.size() == 1) {
      return list.get(0);
    }
    return new HostObserver() {
      private void each(java.util.function.Consumer<HostObserver> call) {
        RuntimeException first = null;
        for (HostObserver o : list) {
          try {
            call.accept(o);
          } catch (RuntimeException e) {
            if (first == null) {
              first = e;
            }
          }
        }
        if (first != null) {
          throw first;
        }
      }

      @Override
      public void event(PluginEvent e) {
        each(o -> o.event(e));
      }

      @Override
      public void callStarted(String kind, String plugin, String method) {
        each(o -> o.callStarted(kind, plugin, method));
      }

      @Override
      public void callEnded(String kind, String plugin, String method, String outcome,
          long nanos) {
        each(o -> o.callEnded(kind, plugin, method, outcome, nanos));
      }

      @Override
      public void execExited(String plugin, String method, int status) {
        each(o -> o.execExited(plugin, method, status));
      }

      @Override
      public void downloaded(String scheme, long bytes) {
        each(o -> o.downloaded(scheme, bytes));
      }
    };
  }
}
