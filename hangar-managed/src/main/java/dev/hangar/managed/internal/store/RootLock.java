package dev.hangar.managed.internal.store;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-owner lock of a root's managed plugins: an exclusive {@code flock}-style lock on
 * {@code <root>/managed/.lock}, which also names its holder (pid and command) so a second owner's
 * error can say who has it. The kernel drops the lock when its process dies, SIGKILL included.
 */
public final class RootLock implements AutoCloseable {
  private static final int HOLDER_MAX = 512;
  private final FileChannel channel;
  private final FileLock lock;

  private RootLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock.
   *
   * @throws HangarException ROOT_LOCKED naming the holder; IO_ERROR when the file cannot be used
   */
  public static RootLock take(Path file) {
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock == null) {
        String holder = holder(ch);
        ch.close();
        throw new HangarException(ErrorCode.ROOT_LOCKED, "the managed plugins of "
            + file.getParent().getParent() + " are owned by another process ("
            + (holder.isEmpty() ? "unknown" : holder) + "): one daemon per root");
      }
      ProcessHandle me = ProcessHandle.current();
      byte[] text = ("pid " + me.pid() + " " + me.info().command().orElse("java") + "\n")
          .getBytes(StandardCharsets.UTF_8);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(text), 0);
      ch.force(true);
      return new RootLock(ch, lock);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new HangarException(ErrorCode.IO_ERROR, "cannot lock " + file + ": " + e, e);
    }
  }

  /**
   * What the holder wrote of itself: its first line, at most {@value #HOLDER_MAX} bytes, bad
   * UTF-8 replaced (a corrupt lock file still names the root as locked).
   */
  private static String holder(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(HOLDER_MAX);
    while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
      // reads until full or at the end
    }
    String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).strip();
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // the lock goes with the channel
      }
    }
  }

  /** Releases the lock. Idempotent. */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException ignored) {
      // released with the channel below
    }
    closeQuietly(channel);
  }
}
