package dev.hangar.internal.watch;

/**
 * Calls into a watch listener ({@code JarWatchListener}, {@code ExecWatchListener}): what the
 * listener throws is ignored, so that the watcher goes on (their contract says so).
 */
public final class ListenerCalls {
  private ListenerCalls() {}

  /** Runs {@code call}, ignoring what it throws. */
  public static void quietly(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // a listener that throws must not stop the watcher
    }
  }

  /** {@code e} as the unchecked exception a listener's {@code reloadFailed} takes. */
  public static RuntimeException unchecked(Throwable e) {
    return e instanceof RuntimeException r ? r : new RuntimeException(e);
  }
}
