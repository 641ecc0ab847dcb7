package dev.hangar.registry.sign;

import dev.hangar.registry.Digest;
import dev.hangar.registry.Reference;
import java.util.Objects;

/**
 * What {@link SignatureVerifier#verify} verified: a signature of the manifest, by one of the
 * required keys, whose payload names the manifest (and its repository, unless the policy says
 * {@link SignedIdentity#ANY}).
 *
 * @param reference the reference verified
 * @param digest the manifest digest verified
 * @param requirement the policy's requirement that applied
 * @param key the key the signature verified with
 * @param payload the signed payload
 * @param signatures the signature image it was found in ({@code <repo>:sha256-<hex>.sig})
 * @param payloadDigest the digest of the payload layer
 * @since 0.1
 */
public record VerifiedSignature(Reference reference, Digest digest,
    SignatureRequirement requirement, VerificationKey key, SimpleSigningPayload payload,
    Reference signatures, Digest payloadDigest) {
  /**
   * @param reference the reference
   * @param digest the manifest digest
   * @param requirement the requirement
   * @param key the key
   * @param payload the payload
   * @param signatures the signature image
   * @param payloadDigest the payload's digest
   */
  public VerifiedSignature {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(requirement, "requirement");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(signatures, "signatures");
    Objects.requireNonNull(payloadDigest, "payloadDigest");
  }
}
