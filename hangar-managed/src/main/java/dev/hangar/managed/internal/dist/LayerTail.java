package dev.hangar.managed.internal.dist;

import dev.hangar.registry.Digest;
import dev.hangar.registry.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A blob read while the registry client downloads it: the bytes of its partial file, never past
 * what the client reports as {@linkplain TransferListener#progress written and hashed}, then,
 * once the download {@linkplain #end ended} well, to the end of the file (the same inode, renamed
 * into the store). So a layer can be unpacked in the same pass as it downloads, without reading
 * it a second time from the store and without hashing it twice.
 *
 * <p>What it read is the verified blob only if {@link #trustworthy} says so after the download:
 * it read one file from first byte to last (the client never went back, and the file it opened
 * is the store's blob); else the caller unpacks the stored blob again. A failed download makes
 * {@link #read} throw.
 *
 * <p>{@link #progress} is called on the client's threads, {@link #read} on the reader's, and
 * {@link #end} on the downloader's.
 */
final class LayerTail extends InputStream implements TransferListener {
  private final Digest digest;
  private final Path partial;
  private final Path blob;
  private long written;
  private boolean ended;
  private boolean downloaded;
  private boolean broken;
  private FileChannel channel;
  private Object opened;
  private long position;

  /**
   * @param digest the blob downloaded
   * @param partial where the client writes it
   * @param blob where the client moves it once verified
   */
  LayerTail(Digest digest, Path partial, Path blob) {
    this.digest = Objects.requireNonNull(digest, "digest");
    this.partial = partial;
    this.blob = blob;
  }

  @Override
  public synchronized void progress(Digest d, long done, long total) {
    if (d.equals(digest)) {
      if (done < written) {
        broken = true; // the client started over: what was read may be of another file
      }
      written = done;
      notifyAll();
    }
  }

  /** The download returned ({@code ok}) or failed. */
  synchronized void end(boolean ok) {
    ended = true;
    downloaded = ok;
    notifyAll();
  }

  /** Whether the download returned. */
  synchronized boolean ended() {
    return ended;
  }

  /**
   * Whether what was read came from the blob now in the store, in order: call after {@link #end}
   * with {@code true}.
   */
  synchronized boolean trustworthy() {
    if (broken || !downloaded) {
      return false;
    }
    try {
      return opened == null || opened.equals(key(blob));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    long limit = available(position);
    if (channel == null) {
      open();
    }
    int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, limit - position)));
    if (n < 0 && limit != Long.MAX_VALUE) {
      throw new IOException(partial + " is shorter than the " + limit + " bytes written");
    }
    if (n > 0) {
      position += n;
    }
    return n;
  }

  /** Waits until bytes past {@code at} are written; returns how far one may read. */
  private synchronized long available(long at) throws IOException {
    try {
      while (!ended && !broken && written <= at) {
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + digest + " downloads", e);
    }
    if (broken || (ended && !downloaded)) {
      throw new IOException("the download of " + digest + " did not finish");
    }
    return ended ? Long.MAX_VALUE : written;
  }

  private void open() throws IOException {
    Path p;
    synchronized (this) {
      p = downloaded ? blob : partial;
    }
    try {
      Object before = key(p);
      channel = FileChannel.open(p, StandardOpenOption.READ);
      if (!before.equals(key(p))) {
        synchronized (this) {
          broken = true;
        }
      }
    } catch (NoSuchFileException e) {
      // Moved into place between the check and the open: the download ended well.
      channel = FileChannel.open(blob, StandardOpenOption.READ);
      p = blob;
    }
    synchronized (this) {
      opened = key(p);
    }
  }

  private static Object key(Path p) throws IOException {
    return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
