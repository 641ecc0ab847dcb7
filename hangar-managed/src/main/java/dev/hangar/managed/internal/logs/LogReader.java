package dev.hangar.managed.internal.logs;

import dev.hangar.managed.LogLine;
import dev.hangar.managed.LogQuery;
import dev.hangar.managed.LogSink;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One read of a log ({@link PluginLog#read}): the lines already written, oldest first, then
 * (following) the new ones, from the same open files, so that nothing is lost or doubled when
 * the writer rotates (rotation renames the files; an open file survives that).
 */
final class LogReader {
  /** How long a follow waits between looks at a log that did not change. */
  static final long POLL_MILLIS = 50;

  private final Path dir;
  private final LogQuery query;
  private final LogSink sink;

  private LogReader(Path dir, LogQuery query, LogSink sink) {
    this.dir = dir;
    this.query = query;
    this.sink = sink;
  }

  /** See {@link PluginLog#read}. */
  static void read(Path dir, LogQuery query, LogSink sink) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(sink, "sink");
    LogReader r = new LogReader(dir, query, sink);
    List<FileLines> files = new ArrayList<>();
    try {
      files.addAll(open(dir, Optional.empty()));
      if (r.existing(files) && query.follow()) {
        r.follow(files);
      }
    } catch (ClosedByInterruptException e) {
      // Interrupted in a read: the flag is set, as after an interrupted wait.
      return;
    } catch (IOException e) {
      throw new HangarException(
          ErrorCode.IO_ERROR, "cannot read the plugin log in " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      LogFiles.closeAll(files.stream().map(FileLines::file).toList());
    }
  }

  private static List<FileLines> open(Path dir, Optional<Object> after) throws IOException {
    return LogFiles.open(dir, after).stream().map(FileLines::new).toList();
  }

  private boolean since(LogLine l) {
    Optional<Instant> s = query.since();
    return s.isEmpty() || !l.time().isBefore(s.get());
  }

  /** Delivers the lines already there. Returns false if the sink stopped. */
  private boolean existing(List<FileLines> files) throws IOException {
    if (query.tail().isEmpty()) {
      for (FileLines f : files) {
        if (f.readNew(l -> !since(l) || sink.accept(l)) < 0) {
          return false;
        }
      }
      return true;
    }
    int n = query.tail().getAsInt();
    ArrayDeque<LogLine> last = new ArrayDeque<>(Math.min(n, 1024) + 1);
    for (FileLines f : files) {
      f.readNew(l -> {
        if (n > 0 && since(l)) {
          if (last.size() == n) {
            last.removeFirst();
          }
          last.addLast(l);
        }
        return true;
      });
    }
    for (LogLine l : last) {
      if (!sink.accept(l)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Follows the newest file; when {@code plugin.log} is another file (the writer rotated),
   * finishes the one being read (nothing more is written to it once it is renamed), then reads
   * every newer one.
   */
  private void follow(List<FileLines> files) throws IOException, InterruptedException {
    List<FileLines> queue = new ArrayList<>(files);
    FileLines.Consumer deliver = l -> !since(l) || sink.accept(l);
    while (true) {
      FileLines cur = queue.isEmpty() ? null : queue.get(0);
      long n = cur == null ? 0 : cur.readNew(deliver);
      if (n < 0) {
        return;
      }
      if (queue.size() > 1) {
        // A newer file exists, so this one is complete.
        queue.remove(0);
        files.remove(cur);
        cur.file().channel().close();
        continue;
      }
      if (n > 0) {
        continue;
      }
      Optional<Object> now = LogFiles.key(LogFiles.file(dir, 0));
      boolean rotated = now.isEmpty() || cur == null || !now.get().equals(cur.file().key());
      List<FileLines> newer = rotated ? newer(cur) : List.of();
      files.addAll(newer);
      queue.addAll(newer);
      if (newer.isEmpty()) {
        if (!sink.open()) {
          return;
        }
        Thread.sleep(POLL_MILLIS);
      }
    }
  }

  /** The log's files newer than {@code cur}: all of them if {@code cur} is gone (or null). */
  private List<FileLines> newer(FileLines cur) throws IOException {
    return new ArrayList<>(open(dir, Optional.ofNullable(cur).map(c -> c.file().key())));
  }
}
