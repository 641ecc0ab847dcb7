package dev.hangar.resource;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a download ended.
 *
 * @param file the final file
 * @param outcome what was done
 * @param size the final file's size in bytes
 * @param transferred the bytes transferred by this run (0 when up to date)
 * @since 0.1
 */
public record DownloadResult(Path file, Outcome outcome, long size, long transferred) {
  /** Checks the fields. */
  public DownloadResult {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** What a download did. */
  public enum Outcome {
    /** Transferred from the start. */
    DOWNLOADED,
    /** Continued a partial file with a range. */
    RESUMED,
    /** The existing copy is current; nothing was transferred. */
    UP_TO_DATE
  }
}
