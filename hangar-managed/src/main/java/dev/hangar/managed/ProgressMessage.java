package dev.hangar.managed;

import java.util.Objects;

/**
 * One line of a pull's or push's progress, as Docker's JSON messages carry it: {@code status}
 * about {@code id} (a layer's short ID, a tag, or empty), with {@code progressDetail} when bytes
 * are counted. Callbacks get these on the thread doing the work (also the registry client's I/O
 * threads): they must be fast and must not throw.
 *
 * @param id what the line is about ({@code ""} for none), e.g. {@code 3c3a4604a545}
 * @param status e.g. {@code Pulling fs layer}, {@code Downloading}, {@code Digest: sha256:…}
 * @param current bytes done, or -1 when not counted
 * @param total bytes in all, or -1 when not counted or unknown
 * @since 0.3
 */
public record ProgressMessage(String id, String status, long current, long total) {
  public ProgressMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }

  /** A line without a byte count. */
  public static ProgressMessage of(String id, String status) {
    return new ProgressMessage(id, status, -1, -1);
  }

  /** Whether bytes are counted. */
  public boolean counted() {
    return current >= 0;
  }
}
