package dev.hangar.internal.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches plugin directories (JAR or exec) and runs a sync once changes have settled: after an
 * event, it waits until no further event arrives for the debounce time. A directory that is
 * missing (when watching starts, or because it was removed) is looked for every
 * {@link #REAPPEAR_POLL}, and watched again, with a sync, once it exists. Runs on one daemon
 * thread of the given name. A sync that throws {@link IllegalStateException} (its host closed)
 * ends the watch; other exceptions go to the error callback and watching goes on.
 */
public final class DirWatcher implements AutoCloseable {
  /** The quiet time after the last change before plugins are reloaded. */
  public static final Duration DEBOUNCE = Duration.ofMillis(300);
  /** How often a missing plugin directory is looked for. */
  public static final Duration REAPPEAR_POLL = Duration.ofSeconds(1);

  private final WatchService service;
  private final List<Path> dirs;
  /** The directories registered now; touched by the watcher thread only, once started. */
  private final Set<Path> watched = new HashSet<>();
  private final Thread thread;
  private final Runnable onChange;
  private final Consumer<Throwable> onError;

  /**
   * Starts watching.
   *
   * @param threadName the watcher thread's name, e.g. {@code hangar-plugin-watch}
   * @param dirs the directories, existing or not
   * @param onChange the sync, run on the watcher thread
   * @param onError told what a sync threw
   * @throws IOException when no watch service can be had
   */
  public DirWatcher(String threadName, List<Path> dirs, Runnable onChange,
      Consumer<Throwable> onError) throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
    this.dirs = List.copyOf(dirs);
    this.onChange = onChange;
    this.onError = onError;
    registerMissing();
    this.thread = new Thread(this::loop, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = watched.size() == dirs.size()
            ? service.take()
            : service.poll(REAPPEAR_POLL.toMillis(), TimeUnit.MILLISECONDS);
        boolean changed = registerMissing();
        if (key != null) {
          drain(key);
          changed = true;
        }
        if (!changed) {
          continue;
        }
        WatchKey more;
        while ((more = service.poll(DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          drain(more);
        }
        registerMissing();
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

  /** Registers the directories that exist now and are not watched; true when one was. */
  private boolean registerMissing() {
    boolean added = false;
    for (Path d : dirs) {
      if (!watched.contains(d) && Files.isDirectory(d)) {
        try {
          d.register(service, StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
          watched.add(d);
          added = true;
        } catch (IOException e) {
          // gone again, or unreadable: looked for again at the next poll
        }
      }
    }
    return added;
  }

  private void drain(WatchKey key) {
    key.pollEvents();
    if (!key.reset()) {
      watched.remove((Path) key.watchable()); // the directory is gone: look for it again
    }
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
