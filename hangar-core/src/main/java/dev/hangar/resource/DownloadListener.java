package dev.hangar.resource;

/**
 * Hears how a download progresses, e.g. to draw a progress bar. Called on the downloading
 * thread, once per buffer written: implementations must be fast and must not throw.
 *
 * @since 0.1
 */
public interface DownloadListener {
  /** Hears nothing. */
  DownloadListener NONE = new DownloadListener() {};

  /**
   * The transfer starts.
   *
   * @param total the bytes the finished file will have, or -1 when unknown
   * @param done the bytes already there (a resumed partial file), 0 otherwise
   */
  default void started(long total, long done) {}

  /**
   * More bytes were written.
   *
   * @param done the bytes in the file so far, including resumed ones
   */
  default void progressed(long done) {}

  /** The transfer ended, successfully or not. */
  default void ended() {}
}
