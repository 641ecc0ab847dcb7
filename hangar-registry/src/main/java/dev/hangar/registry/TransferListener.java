package dev.hangar.registry;

/**
 * Progress of blob transfers, for progress bars. Called on the client's I/O threads: must be fast,
 * must not throw and must not call back into the client.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TransferListener {
  /** Ignores everything. */
  TransferListener NONE = (digest, done, total) -> { };

  /**
   * Bytes of a blob moved.
   *
   * @param digest the blob
   * @param done bytes of it verified or sent so far, counting those a resumed download reused
   * @param total its size, or -1 when unknown
   */
  void progress(Digest digest, long done, long total);

  /**
   * A download resumed a partial file instead of starting over.
   *
   * @param digest the blob
   * @param offset the bytes kept from the earlier attempt
   */
  default void resumed(Digest digest, long offset) {}
}
