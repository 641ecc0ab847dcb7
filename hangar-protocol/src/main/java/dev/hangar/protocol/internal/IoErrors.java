package dev.hangar.protocol.internal;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;

/**
 * The one place that tells a full disk from other local I/O failures: a write that failed with
 * ENOSPC ({@code "No space left on device"}) or EDQUOT ({@code "Disk quota exceeded"}), which the
 * JDK reports as a {@link java.nio.file.FileSystemException} or a plain {@link IOException} with
 * the OS's text, gets {@link ErrorCode#DISK_FULL}; anything else {@link ErrorCode#IO_ERROR}.
 * Used by every writer of downloads, blobs, unpacked packages and saved state.
 */
public final class IoErrors {
  private IoErrors() {}

  /** Whether {@code e} (or one of its causes) says the disk or the quota is full. */
  public static boolean isDiskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("No space left on device") || m.contains("Disk quota"))) {
        return true;
      }
    }
    return false;
  }

  /** {@link ErrorCode#DISK_FULL} when {@code e} says the disk is full, else IO_ERROR. */
  public static ErrorCode codeOf(Throwable e) {
    return isDiskFull(e) ? ErrorCode.DISK_FULL : ErrorCode.IO_ERROR;
  }

  /**
   * The exception for a failed local write: {@code message} (which names the file and what it
   * concerns) under {@link #codeOf the code of} {@code cause}, which is kept.
   */
  public static HangarException writeFailed(String message, IOException cause) {
    return new HangarException(codeOf(cause), message, cause);
  }
}
