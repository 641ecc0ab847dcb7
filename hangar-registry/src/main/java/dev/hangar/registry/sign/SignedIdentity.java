package dev.hangar.registry.sign;

/**
 * How the {@code critical.identity.docker-reference} of a signature's payload must match the
 * reference being verified.
 *
 * @since 0.1
 */
public enum SignedIdentity {
  /**
   * The payload must name the same registry and repository (its tag, if any, is ignored: a
   * signature is of a digest, which may carry any tag). The default.
   */
  REPOSITORY,
  /**
   * The payload's reference is not checked, as {@code cosign verify} does; for mirrors and
   * pull-through caches, where the signature names the repository it was first pushed to.
   */
  ANY
}
