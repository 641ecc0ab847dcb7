package dev.hangar.internal.jar;

import dev.hangar.protocol.internal.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Closes a plugin's implementation on a thread of its own, with the plugin's class loader as its
 * context class loader, and waits a bounded time: a {@code close()} that never returns must not
 * hang an unload, a reload or the host's own close. Such a close is abandoned (its thread,
 * {@code hangar-close-<file>}, cannot be stopped and keeps the class loader alive while it runs).
 */
final class ImplementationCloser {
  private ImplementationCloser() {}

  /**
   * Closes {@code c}, waiting up to {@code limit}.
   *
   * @param file the plugin's file name, for the thread's name and the message
   * @return what closing threw, or the timeout, if anything went wrong
   */
  static Optional<Throwable> close(AutoCloseable c, ClassLoader loader, String file,
      Duration limit) {
    FutureTask<Void> task = new FutureTask<>(() -> {
      c.close();
      return null;
    });
    Thread t = new Thread(task, "hangar-close-" + file);
    t.setDaemon(true);
    t.setContextClassLoader(loader);
    t.start();
    try {
      task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(e.getCause());
    } catch (TimeoutException e) {
      return Optional.of(new TimeoutException(file + ": close() did not return within "
          + Durations.format(limit) + "; abandoned (its thread "
          + t.getName() + " cannot be stopped and may keep running)"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(e);
    }
  }
}
