/**
 * Optional verification and making of cosign key-based signatures (ECDSA P-256) of manifests in
 * a registry; the layout and the policy file are specified in {@code docs/protocol.md} §15.
 *
 * <p>Where it slots in. An install verifies the digest of the manifest it is about to install,
 * after fetching the manifest and before fetching any layer, so that an unsigned or wrongly
 * signed plugin leaves nothing behind:
 *
 * <pre>{@code
 * SignatureVerifier verifier = SignatureVerifier.of(
 *     policyFile != null ? SignaturePolicy.load(policyFile)              // --signature-policy
 *     : verifyKey != null ? SignaturePolicy.requiring(List.of(VerificationKey.load(verifyKey)))
 *     : SignaturePolicy.none());
 * ImageManifest m = registry.pullManifest(ref);
 * Optional<VerifiedSignature> v = verifier.verify(registry, ref, m); // throws when refused
 * for (Descriptor layer : m.layers()) { registry.fetchBlob(Repository.of(ref), layer, store); }
 * }</pre>
 *
 * <p>A push signs what it pushed: {@code Signer.sign(registry, ref, pushedDigest,
 * SigningKey.load(signKey))}. Refusals are {@link dev.hangar.registry.sign.SignatureException}s
 * with {@code SIGNATURE_REQUIRED} or {@code SIGNATURE_INVALID}; bad files are
 * {@code SIGNATURE_POLICY_INVALID} or {@code SIGNATURE_KEY_INVALID}.
 *
 * @since 0.1
 */
package dev.hangar.registry.sign;
