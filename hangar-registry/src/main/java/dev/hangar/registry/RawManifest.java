package dev.hangar.registry;

import java.util.Arrays;
import java.util.Objects;

/**
 * A manifest exactly as the registry sent it (or as it is to be pushed): its media type, the
 * digest of its exact bytes, and the bytes. An image manifest, a manifest list or an OCI index.
 *
 * @param mediaType the media type ({@link MediaTypes})
 * @param digest the sha256 of {@code bytes}
 * @param bytes the bytes; the record keeps its own copy and hands out copies
 * @since 0.1
 */
public record RawManifest(String mediaType, Digest digest, byte[] bytes) {
  /**
   * @param mediaType the media type
   * @param digest the digest of the bytes
   * @param bytes the bytes
   * @throws IllegalArgumentException when {@code digest} is not the bytes' digest
   */
  public RawManifest {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    bytes = bytes.clone();
    Digest actual = Digest.of(bytes);
    if (!actual.equals(digest)) {
      throw new IllegalArgumentException("digest " + digest + " is not that of the bytes ("
          + actual + ")");
    }
  }

  /**
   * A manifest for these bytes, its digest computed.
   *
   * @param mediaType the media type
   * @param bytes the exact bytes
   * @return the manifest
   */
  public static RawManifest of(String mediaType, byte[] bytes) {
    return new RawManifest(mediaType, Digest.of(bytes), bytes);
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Whether this is a manifest list or OCI index. */
  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawManifest m && m.mediaType.equals(mediaType) && m.digest.equals(digest)
        && Arrays.equals(m.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "RawManifest[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
  }
}
