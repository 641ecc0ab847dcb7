package dev.hangar.managed.internal.logs;

import dev.hangar.managed.LogQuery;
import dev.hangar.managed.LogSink;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One managed plugin's log: {@code dir/plugin.log}, one JSON line per line of output, written as
 * Docker's json-file driver writes it, and rotated as it rotates (before a write that finds the
 * file at {@code maxBytes} or more, {@code plugin.log} becomes {@code plugin.log.1}, {@code .1}
 * becomes {@code .2}..., and the oldest past {@code maxFiles} is deleted).
 *
 * <p>Thread-safe; one writer per directory at a time, any number of readers ({@link #read}, in
 * this process or another). Writing never throws for I/O: a failure is logged once (WARNING) and
 * the next line tries again (the lines in between are lost, and counted when writing resumes).
 * Lines appended after {@link #close} are dropped.
 */
public final class PluginLog implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PluginLog.class.getName());
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  private final Path dir;
  private final Path file;
  private final long maxBytes;
  private final int maxFiles;
  private final ReentrantLock lock = new ReentrantLock();
  private final ByteBuf line = new ByteBuf(512);
  private FileChannel out;
  private long size;
  private boolean closed;
  private boolean failing;
  private long lost;

  /**
   * Opens (creating) {@code dir/plugin.log} for appending: files 0600, the directory 0700 when
   * created. A last line cut short (a crash mid-write) is ended, so it stays one malformed line;
   * rotated files past {@code maxFiles} (an earlier, larger setting) are deleted.
   *
   * @param maxBytes the size at which {@code plugin.log} is rotated
   * @param maxFiles how many files to keep in all, {@code plugin.log} included (1: no rotated
   *     copies; rotation empties the log)
   * @throws IllegalArgumentException if {@code maxBytes < 1} or {@code maxFiles < 1}
   * @throws HangarException IO_ERROR if the log cannot be created
   */
  public PluginLog(Path dir, long maxBytes, int maxFiles) {
    if (maxBytes < 1 || maxFiles < 1) {
      throw new IllegalArgumentException(
          "log limits must be positive: maxBytes " + maxBytes + ", maxFiles " + maxFiles);
    }
    this.dir = Objects.requireNonNull(dir, "dir");
    this.file = LogFiles.file(dir, 0);
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    try {
      open();
      for (int n : LogFiles.rotated(dir)) {
        if (n >= maxFiles) {
          Files.deleteIfExists(LogFiles.file(dir, n));
        }
      }
    } catch (IOException e) {
      closeOut();
      throw new HangarException(
          ErrorCode.IO_ERROR, "cannot open the plugin log " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Appends one line. {@code text} is one line without its newline (a newline inside it is kept,
   * escaped, in the same entry).
   *
   * @param stream {@code stdout} or {@code stderr}
   * @throws IllegalArgumentException if the time's year is outside 0-9999
   */
  public void append(String stream, String text, Instant time) {
    byte[] b = Utf8.encode(text);
    append(stream, b, 0, b.length, true, time);
  }

  /**
   * Appends {@code text[off, off+len)} as one entry: with its newline, or without one for a
   * partial line (split at 16 KiB, or cut by EOF), as Docker's copier marks them.
   */
  void append(String stream, byte[] text, int off, int len, boolean newline, Instant time) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(time, "time");
    lock.lock();
    try {
      if (closed) {
        return;
      }
      line.reset();
      JsonLines.encode(line, stream, text, off, len, newline, time);
      try {
        if (out == null) {
          open();
        }
        if (size >= maxBytes) {
          rotate();
        }
        write(line.asBuffer());
        if (failing) {
          failing = false;
          LOG.log(Level.INFO, "writing the plugin log {0} again; {1} lines were lost",
              new Object[] {file, lost});
          lost = 0;
        }
      } catch (IOException e) {
        failed(e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reads lines oldest to newest across the rotated files: {@code since} filters by time,
   * {@code tail} keeps the last N of those; with {@code follow}, then waits for new lines
   * (polling every 50 ms, surviving rotation, no line lost or doubled) until {@code
   * sink.accept} returns false or {@code sink.open()} is false, or the thread is interrupted
   * (then returns with the interrupt flag set). Works on a log another instance or process is
   * writing; reads no log (or follows one yet to come) when there is none. Malformed lines are
   * skipped.
   *
   * @throws HangarException IO_ERROR if a file of the log cannot be read
   */
  public static void read(Path dir, LogQuery q, LogSink sink) {
    LogReader.read(dir, q, sink);
  }

  /** Closes the file; later lines are dropped. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      closeOut();
    } finally {
      lock.unlock();
    }
  }

  private void open() throws IOException {
    if (Files.notExists(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, DIR);
    }
    FileAttribute<Set<PosixFilePermission>> perms = PosixFilePermissions.asFileAttribute(FILE);
    out = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND), perms);
    size = out.size();
    if (size > 0 && lastByte() != '\n') {
      write(ByteBuffer.wrap(new byte[] {'\n'}));
    }
  }

  private int lastByte() throws IOException {
    try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      in.position(size - 1);
      return in.read(one) == 1 ? one.get(0) : '\n';
    }
  }

  private void write(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      size += out.write(b);
    }
  }

  /**
   * Moves the files along as moby's {@code loggerutils.rotate} does ({@code .n} to
   * {@code .n+1}, the oldest past {@code maxFiles} deleted, {@code plugin.log} to {@code .1})
   * and starts an empty {@code plugin.log}.
   */
  private void rotate() throws IOException {
    closeOut();
    if (maxFiles == 1) {
      Files.deleteIfExists(file);
    } else {
      for (int n : LogFiles.rotated(dir)) {
        if (n >= maxFiles - 1) {
          Files.deleteIfExists(LogFiles.file(dir, n));
        } else {
          Files.move(LogFiles.file(dir, n), LogFiles.file(dir, n + 1),
              StandardCopyOption.ATOMIC_MOVE);
        }
      }
      if (Files.exists(file)) {
        Files.move(file, LogFiles.file(dir, 1), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    open();
  }

  private void failed(IOException e) {
    closeOut();
    lost++;
    if (!failing) {
      failing = true;
      LOG.warning("cannot write the plugin log " + file + " (" + e
          + "); lines are lost until a write succeeds; the next line tries again");
    }
  }

  private void closeOut() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      // Every write has returned; close can only report what a write already reported.
    } finally {
      out = null;
    }
  }
}
