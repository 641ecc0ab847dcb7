package dev.hangar.registry;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A directory of verified blobs, {@code <root>/sha256/<hex>}. A blob gets there only after its
 * digest was checked, by an atomic rename, so every file in the store is whole and verified and
 * {@link RegistryClient#fetchBlob} does not fetch it again. A download in progress is
 * {@code <hex>.partial} beside it, kept across a broken transfer so that a retry resumes it
 * (and removed when it cannot be written, e.g. on a full disk); it never counts as verified.
 *
 * <p>Share one instance per directory: downloads of one digest through it are serialised.
 *
 * @since 0.1
 */
public final class BlobStore {
  private final Path root;
  private final Path blobs;
  private final ConcurrentHashMap<Digest, ReentrantLock> locks = new ConcurrentHashMap<>();

  private BlobStore(Path root) {
    this.root = root;
    this.blobs = root.resolve(Digest.ALGORITHM);
  }

  /**
   * The store at {@code root}, created if missing.
   *
   * @param root the directory
   * @return the store
   * @throws HangarException (IO_ERROR) when the directory cannot be created
   */
  public static BlobStore at(Path root) {
    Objects.requireNonNull(root, "root");
    BlobStore s = new BlobStore(root);
    try {
      Files.createDirectories(s.blobs);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, s.blobs + ": cannot create: "
          + e.getMessage(), e);
    }
    return s;
  }

  /** The directory. */
  public Path root() {
    return root;
  }

  /** Where the blob is (or will be) kept. */
  public Path path(Digest digest) {
    return blobs.resolve(digest.hex());
  }

  /** The blob's file, when the store has it. */
  public Optional<Path> find(Digest digest) {
    Path p = path(digest);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** Whether the store has the blob. */
  public boolean contains(Digest digest) {
    return find(digest).isPresent();
  }

  /**
   * Removes a blob (and any partial download of it).
   *
   * @param digest the blob
   * @return whether it was there
   * @throws HangarException (IO_ERROR) when it cannot be removed
   */
  public boolean remove(Digest digest) {
    try {
      Files.deleteIfExists(partial(digest));
      return Files.deleteIfExists(path(digest));
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, path(digest) + ": cannot remove: "
          + e.getMessage(), e);
    }
  }

  /**
   * The partial download of a blob: {@link RegistryClient#fetchBlob} writes the bytes there,
   * each one hashed before {@link TransferListener#progress} counts it, and renames the file to
   * {@link #path} once the digest matched (the same file, so a reader that opened it before the
   * rename reads on to the end of the verified blob).
   *
   * @param digest the blob
   * @return {@code <root>/sha256/<hex>.partial}
   * @since 0.3
   */
  public Path partial(Digest digest) {
    return blobs.resolve(digest.hex() + ".partial");
  }

  /** The lock serialising downloads of one digest. */
  ReentrantLock lock(Digest digest) {
    return locks.computeIfAbsent(digest, d -> new ReentrantLock());
  }
}
