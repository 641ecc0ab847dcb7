package dev.hangar.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * An OCI content descriptor: what a manifest says about a blob or another manifest.
 *
 * @param mediaType the media type of the content
 * @param digest its digest
 * @param size its size in bytes
 * @param platform the platform, for entries of a manifest list or OCI index; else empty
 * @since 0.1
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform) {
  /**
   * @param mediaType the media type
   * @param digest the digest
   * @param size the size, at least 0
   * @param platform the platform, or empty
   * @throws IllegalArgumentException when the size is negative
   */
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(platform, "platform");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + digest);
    }
  }

  /**
   * A descriptor without a platform.
   *
   * @param mediaType the media type
   * @param digest the digest
   * @param size the size
   * @return the descriptor
   */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, Optional.empty());
  }
}
