package dev.hangar.registry.sign;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link SignaturePolicy} asks of one reference: whether a signature is required, by which
 * keys (any one of them is enough), and how the signed identity must match.
 *
 * @param scope the policy scope that matched ({@code registry[/repository-prefix]}), or an empty
 *     string for the policy's default
 * @param required whether a valid signature is required
 * @param keys the keys a signature may verify with; at least one when required, none otherwise
 * @param identity how the payload's {@code docker-reference} must match
 * @since 0.1
 */
public record SignatureRequirement(String scope, boolean required, List<VerificationKey> keys,
    SignedIdentity identity) {
  /** Nothing required: what applies where a policy says nothing. */
  public static final SignatureRequirement NONE =
      new SignatureRequirement("", false, List.of(), SignedIdentity.REPOSITORY);

  /**
   * @param scope the scope
   * @param required whether required
   * @param keys the keys
   * @param identity the identity match
   * @throws IllegalArgumentException when required without keys, or keys without required
   */
  public SignatureRequirement {
    Objects.requireNonNull(scope, "scope");
    keys = List.copyOf(keys);
    Objects.requireNonNull(identity, "identity");
    if (required && keys.isEmpty()) {
      throw new IllegalArgumentException("a required signature needs at least one key");
    }
    if (!required && !keys.isEmpty()) {
      throw new IllegalArgumentException("keys are only meaningful when a signature is required");
    }
  }

  /**
   * A requirement of a signature by one of {@code keys}, for every reference (what
   * {@code --verify-key FILE} means).
   *
   * @param keys the keys, at least one
   * @return the requirement
   */
  public static SignatureRequirement requiring(List<VerificationKey> keys) {
    return new SignatureRequirement("", true, keys, SignedIdentity.REPOSITORY);
  }
}
