package dev.hangar.internal.jar;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the plugin directories and runs a sync once changes have settled: after an event, it
 * waits until no further event arrives for the debounce time. Directories missing when watching
 * starts are not watched. Runs on one daemon thread, {@code hangar-plugin-watch}.
 */
final class DirWatcher implements AutoCloseable {
  /** The quiet time after the last change before plugins are reloaded. */
  static final Duration DEBOUNCE = Duration.ofMillis(300);

  private final WatchService service;
  private final Thread thread;
  private final Runnable onChange;
  private final Consumer<Throwable> onError;

  DirWatcher(List<Path> dirs, Runnable onChange, Consumer<Throwable> onError) throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
    this.onChange = onChange;
    this.onError = onError;
    for (Path d : dirs) {
      if (Files.isDirectory(d)) {
        d.register(service, StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
      }
    }
    this.thread = new Thread(this::loop, "hangar-plugin-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = service.take();
        drain(key);
        WatchKey more;
        while ((more = service.poll(DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          drain(more);
        }
        try {
          onChange.run();
        } catch (IllegalStateException closed) {
          return;
        } catch (RuntimeException e) {
          onError.accept(e);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  private static void drain(WatchKey key) {
    key.pollEvents();
    key.reset();
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // nothing left to release
    }
    thread.interrupt();
  }
}
