package dev.hangar.internal.resource;

import dev.hangar.protocol.HangarException;
import dev.hangar.resource.DownloadListener;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies a channel body into a file on two threads: the calling thread reads from the socket
 * while a writer thread writes the previous buffers to the file (and feeds the digest and the
 * background sync). On two or more free cores the socket's and the file system's per-byte work
 * then run side by side instead of one after the other. A few direct buffers circulate between
 * the threads, so memory stays bounded whatever the body's size.
 *
 * <p>Progress is reported on the calling thread, as each buffer comes back written. A read
 * failure still writes what arrived before it (kept for {@code --resume}); a write failure stops
 * the copy with the writer's error.
 */
final class PipelinedCopy {
  /**
   * Buffers in circulation. Four of 256 KiB measured better than one large buffer on one thread
   * (1 to 4 MiB) and than 1 MiB buffers: small enough to stay in the CPU caches between the
   * socket's copy and the file's.
   */
  static final int BUFFERS = 4;
  /** Size of each. */
  static final int BUFFER_SIZE = 256 << 10;

  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final FileChannel out;
  private final MessageDigest digest;
  private final Path file;
  private final BackgroundSync sync;
  private volatile RuntimeException writeFailure;

  private PipelinedCopy(FileChannel out, MessageDigest digest, Path file, BackgroundSync sync) {
    this.out = out;
    this.digest = digest;
    this.file = file;
    this.sync = sync;
    for (int i = 0; i < BUFFERS; i++) {
      free.add(ByteBuffer.allocateDirect(BUFFER_SIZE));
    }
  }

  /** As {@link Transfer#copy}, for a channel body. */
  static long copy(ReadableByteChannel in, FileChannel out, long limit, long done,
      MessageDigest digest, DownloadListener listener, URI uri, Path file, BackgroundSync sync) {
    PipelinedCopy c = new PipelinedCopy(out, digest, file, sync);
    Thread writer = Thread.ofPlatform().name("hangar-download-writer").daemon()
        .start(c::writeLoop);
    long read = 0;
    long written = 0;
    IOException broke = null;
    try {
      boolean end = false;
      while (!end && (limit == -1 || read < limit)) {
        ByteBuffer buf = c.take(c.free);
        if (buf.position() > 0) { // a written buffer coming back: its bytes are in the file
          written += buf.position();
          listener.progressed(done + written);
        }
        c.checkWriter();
        buf.clear();
        if (limit != -1 && limit - read < buf.capacity()) {
          buf.limit((int) (limit - read));
        }
        try {
          while (buf.hasRemaining()) {
            if (in.read(buf) < 0) {
              end = true;
              break;
            }
          }
        } catch (IOException e) {
          broke = e;
          end = true;
        }
        read += buf.position();
        buf.flip();
        c.full.add(buf);
      }
    } finally {
      c.full.add(END);
      c.join(writer);
    }
    c.checkWriter();
    if (written < read) {
      listener.progressed(done + read);
    }
    if (broke != null) {
      throw ResourceErrors.fromClient(broke, uri);
    }
    return read;
  }

  private void writeLoop() {
    while (true) {
      ByteBuffer buf = take(full);
      if (buf == END) {
        return;
      }
      int n = buf.remaining();
      if (writeFailure == null && n > 0) {
        try {
          if (digest != null) {
            digest.update(buf);
            buf.rewind();
          }
          while (buf.hasRemaining()) {
            out.write(buf);
          }
          sync.written(n);
        } catch (IOException e) {
          writeFailure = ResourceErrors.fromWrite(e, file);
        } catch (RuntimeException e) {
          writeFailure = e;
        }
      }
      // position = the bytes now in the file, for the reader's progress report
      buf.clear().position(writeFailure == null ? n : 0);
      free.add(buf);
    }
  }

  private void checkWriter() {
    RuntimeException f = writeFailure;
    if (f != null) {
      throw f instanceof HangarException h ? h : new IllegalStateException(f);
    }
  }

  private ByteBuffer take(BlockingQueue<ByteBuffer> q) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return q.take();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void join(Thread writer) {
    boolean interrupted = false;
    while (true) {
      try {
        writer.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
