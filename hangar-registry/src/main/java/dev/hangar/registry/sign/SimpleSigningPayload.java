package dev.hangar.registry.sign;

import dev.hangar.registry.Digest;
import java.util.Map;
import java.util.Objects;

/**
 * The signed payload of a cosign signature, in the "simple signing" format of
 * containers/image: {@code {"critical":{"identity":{"docker-reference":...},"image":
 * {"docker-manifest-digest":...},"type":"cosign container image signature"},"optional":{...}}}.
 *
 * @param dockerReference {@code critical.identity.docker-reference}: the repository (or
 *     reference) the signer named
 * @param manifestDigest {@code critical.image.docker-manifest-digest}: the manifest signed
 * @param optional the scalar entries of {@code optional} (e.g. {@code creator},
 *     {@code timestamp}), each as its JSON text without quotes for strings; other entries are
 *     left out
 * @since 0.1
 */
public record SimpleSigningPayload(String dockerReference, Digest manifestDigest,
    Map<String, String> optional) {
  /** The value of {@code critical.type} in a cosign signature. */
  public static final String TYPE = "cosign container image signature";
  /** The media type of the payload layer. */
  public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";

  /**
   * @param dockerReference the reference
   * @param manifestDigest the digest
   * @param optional the optional entries
   */
  public SimpleSigningPayload {
    Objects.requireNonNull(dockerReference, "dockerReference");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    optional = Map.copyOf(optional);
  }
}
