package dev.hangar.managed.internal.dist;

import dev.hangar.managed.internal.store.AtomicFiles;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.IoErrors;
import dev.hangar.registry.BlobStore;
import dev.hangar.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The blobs of every managed plugin, shared between them: {@code <root>/managed/blobs}, a
 * {@link BlobStore} ({@code sha256/<hex>}, each blob whole and verified, moved in by a rename)
 * plus {@code tmp/} for blobs Hangar writes itself (push), emptied at open.
 *
 * <p>Garbage: {@link #collect} removes every blob (and partial download) no plugin refers to,
 * except those {@linkplain #pin pinned} by a pull or push under way, so that {@code rm} is final
 * when it returns (Docker collects in the background). Thread-safe.
 */
public final class ContentStore {
  private static final Logger LOG = Logger.getLogger(ContentStore.class.getName());

  private final Path dir;
  private final BlobStore blobs;
  private final Path tmp;
  private final Map<Digest, Integer> pins = new HashMap<>();

  private ContentStore(Path dir, BlobStore blobs) {
    this.dir = dir;
    this.blobs = blobs;
    this.tmp = dir.resolve("tmp");
  }

  /**
   * The store at {@code dir}, created if missing; its {@code tmp/} emptied (what a crash left).
   *
   * @throws HangarException IO_ERROR
   */
  public static ContentStore open(Path dir) {
    try {
      AtomicFiles.privateDir(dir);
      AtomicFiles.deleteTree(dir.resolve("tmp"));
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot prepare the blob store " + dir
          + ": " + e, e);
    }
    return new ContentStore(dir, BlobStore.at(dir));
  }

  /**
   * Empties the store's {@code tmp/}, if the store exists (it is made on first use): what a crash
   * left while a blob was written.
   *
   * @throws HangarException IO_ERROR
   */
  public static void clean(Path dir) {
    try {
      AtomicFiles.deleteTree(dir.resolve("tmp"));
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot clean the blob store " + dir
          + ": " + e, e);
    }
  }

  /** {@code <root>/managed/blobs}. */
  public Path dir() {
    return dir;
  }

  /** The registry client's view of the store. */
  public BlobStore blobs() {
    return blobs;
  }

  /** The blob's file. @throws HangarException IO_ERROR when the store lacks it */
  public Path require(Digest d) {
    return blobs.find(d).orElseThrow(() -> new HangarException(ErrorCode.IO_ERROR,
        "blob " + d + " is missing from " + dir));
  }

  /**
   * Keeps {@code digests} from {@link #collect} until the returned handle is closed.
   *
   * @return the handle; closing it twice is harmless
   */
  public Pin pin(Set<Digest> digests) {
    Set<Digest> held = Set.copyOf(digests);
    synchronized (pins) {
      held.forEach(d -> pins.merge(d, 1, Integer::sum));
    }
    return new Pin(held);
  }

  /** What {@link #pin} returns. */
  public final class Pin implements AutoCloseable {
    private Set<Digest> held;

    private Pin(Set<Digest> held) {
      this.held = held;
    }

    /** Pins one more digest under this handle. */
    public void add(Digest d) {
      synchronized (pins) {
        if (held != null && !held.contains(d)) {
          Set<Digest> more = new HashSet<>(held);
          more.add(d);
          held = Set.copyOf(more);
          pins.merge(d, 1, Integer::sum);
        }
      }
    }

    @Override
    public void close() {
      synchronized (pins) {
        if (held == null) {
          return;
        }
        for (Digest d : held) {
          pins.computeIfPresent(d, (k, n) -> n == 1 ? null : n - 1);
        }
        held = null;
      }
    }
  }

  /**
   * Writes bytes into the store: to {@code tmp/}, hashed, fsynced, then renamed into place.
   *
   * @param content writes the blob's bytes
   * @return the blob's digest and size
   * @throws HangarException IO_ERROR, DISK_FULL
   */
  public Written write(Content content) {
    Path file = null;
    try {
      AtomicFiles.privateDir(tmp);
      file = Files.createTempFile(tmp, "blob", ".tmp");
      MessageDigest md = Digest.newSha256();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), md)) {
        content.writeTo(out);
      }
      try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Digest d = Digest.of(md);
      long size = Files.size(file);
      Path target = blobs.path(d);
      if (Files.isRegularFile(target)) {
        Files.delete(file);
      } else {
        AtomicFiles.rename(file, target);
      }
      file = null;
      return new Written(d, size);
    } catch (IOException e) {
      throw IoErrors.writeFailed("cannot write a blob into " + dir + ": " + e, e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          LOG.warning("cannot remove " + file + ": " + e);
        }
      }
    }
  }

  /** Writes the blob's bytes to a stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes the bytes. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * A blob written by {@link #write}.
   *
   * @param digest its digest
   * @param size its size
   */
  public record Written(Digest digest, long size) {}

  /** Writes {@code bytes} into the store. */
  public Written write(byte[] bytes) {
    return write(out -> out.write(bytes));
  }

  /** The blob's bytes (for small blobs: manifests, configs). */
  public byte[] read(Digest d, int max) {
    try (InputStream in = Files.newInputStream(require(d))) {
      byte[] b = in.readNBytes(max + 1);
      if (b.length > max) {
        throw new HangarException(ErrorCode.IO_ERROR, "blob " + d + " is larger than " + max
            + " bytes");
      }
      return b;
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot read blob " + d + ": " + e, e);
    }
  }

  /**
   * Removes every blob and partial download whose digest is neither in {@code used} nor pinned.
   *
   * @return how many blobs went
   * @throws HangarException IO_ERROR
   */
  public int collect(Set<Digest> used) {
    Path sha = blobs.root().resolve(Digest.ALGORITHM);
    int removed = 0;
    synchronized (pins) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(sha)) {
        for (Path p : ds) {
          String n = p.getFileName().toString();
          String hex = n.endsWith(".partial") ? n.substring(0, n.length() - 8) : n;
          Digest d;
          try {
            d = new Digest(hex);
          } catch (IllegalArgumentException e) {
            continue; // not the store's
          }
          if (!used.contains(d) && !pins.containsKey(d)) {
            Files.deleteIfExists(p);
            if (!n.endsWith(".partial")) {
              removed++;
            }
          }
        }
      } catch (IOException e) {
        throw new HangarException(ErrorCode.IO_ERROR, "cannot collect the blobs of " + dir
            + ": " + e, e);
      }
    }
    return removed;
  }
}
