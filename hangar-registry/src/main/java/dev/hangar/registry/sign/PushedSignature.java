package dev.hangar.registry.sign;

import dev.hangar.registry.Digest;
import dev.hangar.registry.Reference;
import java.util.Objects;

/**
 * A signature {@link Signer#sign} pushed.
 *
 * @param signatures the signature image ({@code <repo>:sha256-<hex>.sig})
 * @param manifest the digest of the signature image's new manifest
 * @param payloadDigest the digest of the signed payload (the new layer)
 * @param count how many signatures the image holds now, this one included
 * @since 0.1
 */
public record PushedSignature(Reference signatures, Digest manifest, Digest payloadDigest,
    int count) {
  /**
   * @param signatures the signature image
   * @param manifest its manifest digest
   * @param payloadDigest the payload's digest
   * @param count the number of signatures
   */
  public PushedSignature {
    Objects.requireNonNull(signatures, "signatures");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(payloadDigest, "payloadDigest");
  }
}
