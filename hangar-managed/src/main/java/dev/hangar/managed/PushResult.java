package dev.hangar.managed;

import java.util.Objects;

/**
 * What a push made: Docker's last {@code aux} message, {@code {"Tag","Digest","Size"}}.
 *
 * @param tag the tag pushed
 * @param digest the manifest's digest, {@code sha256:…}
 * @param size the manifest's size in bytes
 * @since 0.3
 */
public record PushResult(String tag, String digest, long size) {
  public PushResult {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
  }
}
