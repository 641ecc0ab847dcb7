package dev.hangar.internal.resource;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.resource.DownloadListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Streams a response body into a file channel with one large buffer, updating the digest on the
 * same buffer; no other per-byte work. The built-in plain-http client's body (a
 * {@link SocketBody}, also a {@link java.nio.channels.ReadableByteChannel}) goes through
 * {@link PipelinedCopy} instead: direct buffers, so the bytes go from the socket to the file
 * without a copy through the heap, and a writer thread. Read failures and write failures are
 * told apart.
 */
public final class Transfer {
  /** The copy buffer: large, so that a loopback transfer runs at disk or socket speed. */
  public static final int BUFFER_SIZE = 1 << 20;

  private Transfer() {}

  /**
   * Discards {@code n} bytes of {@code in} (a client that ignored a range).
   *
   * @throws HangarException {@link ErrorCode#DOWNLOAD_FAILED} when the body is shorter
   */
  public static void skip(InputStream in, long n, URI uri) {
    try {
      long left = n;
      byte[] buf = new byte[(int) Math.min(BUFFER_SIZE, Math.max(1, n))];
      while (left > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          throw new HangarException(ErrorCode.DOWNLOAD_FAILED, "download of " + uri
              + " ended before the requested range started");
        }
        left -= r;
      }
    } catch (IOException e) {
      throw ResourceErrors.fromClient(e, uri);
    }
  }

  /**
   * Copies up to {@code limit} bytes (-1: to the end) from {@code in} to {@code out}.
   *
   * @param done the bytes the file holds before (reported to the listener)
   * @param digest updated with every byte written, or null
   * @param sync told of every write
   * @return the bytes copied
   * @throws HangarException from {@link ResourceErrors}: read failures as the client's, write
   *     failures (also a failed background force) naming {@code file}
   */
  public static long copy(InputStream in, FileChannel out, long limit, long done,
      MessageDigest digest, DownloadListener listener, URI uri, Path file, BackgroundSync sync) {
    if (in instanceof SocketBody body) {
      // Only the built-in client's body: a plugin's stream that happens to be a channel too
      // might be non-blocking or keep its stream and channel positions apart.
      return PipelinedCopy.copy(body, out, limit, done, digest, listener, uri, file, sync);
    }
    byte[] buf = new byte[BUFFER_SIZE];
    ByteBuffer bb = ByteBuffer.wrap(buf);
    long copied = 0;
    while (limit == -1 || copied < limit) {
      int want = limit == -1 ? buf.length : (int) Math.min(buf.length, limit - copied);
      int n = 0;
      IOException broke = null;
      try {
        // Fill the whole buffer so that writes stay large; keep what arrived before a failure.
        while (n < want) {
          int r = in.read(buf, n, want - n);
          if (r < 0) {
            break;
          }
          n += r;
        }
      } catch (IOException e) {
        broke = e;
      }
      if (n > 0) {
        bb.clear().limit(n);
        write(out, bb, file, sync);
        if (digest != null) {
          digest.update(buf, 0, n);
        }
        copied += n;
        listener.progressed(done + copied);
      }
      if (broke != null) {
        throw ResourceErrors.fromClient(broke, uri);
      }
      if (n < want) {
        break;
      }
    }
    return copied;
  }

  private static void write(FileChannel out, ByteBuffer bb, Path file, BackgroundSync sync) {
    try {
      int n = bb.remaining();
      while (bb.hasRemaining()) {
        out.write(bb);
      }
      sync.written(n);
    } catch (IOException e) {
      throw ResourceErrors.fromWrite(e, file);
    }
  }
}
