package dev.hangar.registry.sign;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.registry.Digest;
import dev.hangar.registry.ImageManifest;
import dev.hangar.registry.RawManifest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.RegistryException;
import dev.hangar.registry.Repository;
import dev.hangar.registry.internal.sign.Ecdsa;
import dev.hangar.registry.internal.sign.Payloads;
import dev.hangar.registry.internal.sign.SignatureImage;
import dev.hangar.registry.internal.sign.SmallBlobs;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Verifies cosign key-based signatures of a manifest digest as a {@link SignaturePolicy} asks.
 * Run it on the digest of the manifest about to be installed, after fetching the manifest and
 * before fetching any of its layers: it reads only the signature image
 * ({@code <repo>:sha256-<hex>.sig}) and its small payload blobs.
 *
 * <p>A signature is valid when its layer is a simple-signing payload, its
 * {@code dev.cosignproject.cosign/signature} annotation is an ECDSA P-256/SHA-256 signature of the
 * payload's exact bytes by one of the required keys, and the payload (read only after its
 * signature verified) names this manifest digest and, unless the requirement says
 * {@link SignedIdentity#ANY}, this registry and repository. One valid signature is enough;
 * certificate and bundle annotations are ignored (key-based verification only).
 *
 * <p>Thread-safe and stateless apart from its policy.
 *
 * @since 0.1
 */
public final class SignatureVerifier {
  /** At most this many layers of a signature image are examined. */
  public static final int MAX_SIGNATURES = 64;
  /** A payload larger than this is not fetched (cosign's are about 250 bytes). */
  public static final long MAX_PAYLOAD_BYTES = 64 << 10;

  private final SignaturePolicy policy;

  private SignatureVerifier(SignaturePolicy policy) {
    this.policy = policy;
  }

  /**
   * A verifier applying {@code policy}.
   *
   * @param policy the policy
   * @return the verifier
   */
  public static SignatureVerifier of(SignaturePolicy policy) {
    return new SignatureVerifier(Objects.requireNonNull(policy, "policy"));
  }

  /** The policy applied. */
  public SignaturePolicy policy() {
    return policy;
  }

  /**
   * Verifies the manifest {@code digest} that {@code ref} resolved to, if the policy requires.
   *
   * @param client the client (its credentials must allow pulling from {@code ref}'s repository)
   * @param ref the reference being installed (its registry and repository are used)
   * @param digest the digest of the manifest being installed
   * @return empty when the policy requires no signature for {@code ref} (nothing is fetched);
   *     else the signature that verified
   * @throws SignatureException SIGNATURE_REQUIRED (no signature image), SIGNATURE_INVALID (none
   *     valid), naming the reference, the digest and why
   * @throws RegistryException when the registry fails (REGISTRY_AUTH, REGISTRY_UNREACHABLE, ...)
   */
  public Optional<VerifiedSignature> verify(RegistryClient client, Reference ref, Digest digest) {
    SignatureRequirement r = policy.requirement(ref);
    if (!r.required()) {
      return Optional.empty();
    }
    return Optional.of(verify(client, ref, digest, r));
  }

  /**
   * Verifies what {@code ref} names, as {@link RegistryClient#pullManifest} resolved it: the
   * manifest list or OCI index when the reference named one (the digest its tag points at, the
   * one {@code cosign sign} signs; the list's bytes pin the platform manifest's digest), else the
   * image manifest.
   *
   * @param client the client
   * @param ref the reference being installed
   * @param manifest what {@code pullManifest(ref)} returned
   * @return as {@link #verify(RegistryClient, Reference, Digest)}
   * @throws SignatureException as {@link #verify(RegistryClient, Reference, Digest)}
   */
  public Optional<VerifiedSignature> verify(RegistryClient client, Reference ref,
      ImageManifest manifest) {
    return verify(client, ref, manifest.index().map(RawManifest::digest)
        .orElse(manifest.digest()));
  }

  /**
   * Verifies the manifest {@code digest} against a requirement, whatever the policy says.
   *
   * @param client the client
   * @param ref the reference being installed
   * @param digest the digest of its manifest
   * @param r the requirement; it must require a signature
   * @return the signature that verified
   * @throws IllegalArgumentException when {@code r} requires nothing
   * @throws SignatureException as {@link #verify(RegistryClient, Reference, Digest)}
   */
  public static VerifiedSignature verify(RegistryClient client, Reference ref, Digest digest,
      SignatureRequirement r) {
    if (!r.required()) {
      throw new IllegalArgumentException("the requirement requires no signature");
    }
    Reference subject = ref.withDigest(digest);
    Reference sigRef = SignatureImage.of(ref, digest);
    String wanted = "the signature policy" + (r.scope().isEmpty() ? "" : " (scope " + r.scope()
        + ")") + " requires a signature by " + names(r.keys());
    RawManifest raw;
    try {
      raw = client.fetchManifest(sigRef);
    } catch (RegistryException e) {
      if (e.code() != ErrorCode.MANIFEST_NOT_FOUND) {
        throw e;
      }
      throw new SignatureException(ErrorCode.SIGNATURE_REQUIRED, subject + ": unsigned: "
          + wanted + " and there is no signature image " + sigRef, ref, digest);
    }
    List<SignatureImage.Layer> layers;
    try {
      layers = SignatureImage.layers(raw);
    } catch (IllegalArgumentException e) {
      throw invalid(subject, digest, wanted, "the signature image " + sigRef + " is unusable: "
          + e.getMessage());
    }
    if (layers.isEmpty()) {
      throw invalid(subject, digest, wanted, "the signature image " + sigRef
          + " has no signatures");
    }
    List<String> reasons = new ArrayList<>();
    Repository repo = Repository.of(ref);
    for (int i = 0; i < Math.min(layers.size(), MAX_SIGNATURES); i++) {
      Check c = check(client, repo, ref, digest, r, layers.get(i));
      if (c.verified() != null) {
        return new VerifiedSignature(ref, digest, r, c.key(), c.verified(), sigRef,
            layers.get(i).digest());
      }
      reasons.add("signature " + (i + 1) + ": " + c.reason());
    }
    if (layers.size() > MAX_SIGNATURES) {
      reasons.add((layers.size() - MAX_SIGNATURES) + " more not examined");
    }
    throw invalid(subject, digest, wanted, "no valid signature among " + layers.size() + " in "
        + sigRef + ": " + String.join("; ", reasons));
  }

  private record Check(VerificationKey key, SimpleSigningPayload verified, String reason) {
    static Check fail(String reason) {
      return new Check(null, null, reason);
    }
  }

  private static Check check(RegistryClient client, Repository repo, Reference ref,
      Digest digest, SignatureRequirement r, SignatureImage.Layer l) {
    if (!l.mediaType().equals(SimpleSigningPayload.MEDIA_TYPE)) {
      return Check.fail("media type " + l.mediaType() + " is not "
          + SimpleSigningPayload.MEDIA_TYPE);
    }
    String b64 = l.annotations().get(SignatureImage.SIGNATURE_ANNOTATION);
    if (b64 == null) {
      return Check.fail("no " + SignatureImage.SIGNATURE_ANNOTATION + " annotation");
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      return Check.fail("the signature annotation is not base64");
    }
    if (l.size() > MAX_PAYLOAD_BYTES) {
      return Check.fail("the payload is " + l.size() + " bytes, more than "
          + MAX_PAYLOAD_BYTES);
    }
    byte[] payload;
    try {
      payload = SmallBlobs.fetch(client, repo, l.digest(), l.size());
    } catch (RegistryException e) {
      if (e.code() != ErrorCode.BLOB_NOT_FOUND && e.code() != ErrorCode.DIGEST_MISMATCH) {
        throw e;
      }
      return Check.fail("its payload " + l.digest() + " cannot be fetched: " + e.getMessage());
    }
    VerificationKey key = null;
    for (VerificationKey k : r.keys()) {
      if (Ecdsa.verify(k.key(), payload, sig)) {
        key = k;
        break;
      }
    }
    if (key == null) {
      return Check.fail("not a signature of its payload by " + names(r.keys()));
    }
    SimpleSigningPayload p;
    try {
      p = Payloads.parse(payload);
    } catch (IllegalArgumentException e) {
      return Check.fail("signed by " + key.name() + " but " + e.getMessage());
    }
    if (!p.manifestDigest().equals(digest)) {
      return Check.fail("signed by " + key.name() + " for manifest " + p.manifestDigest()
          + ", not " + digest);
    }
    if (r.identity() == SignedIdentity.REPOSITORY) {
      Optional<String> problem = identityProblem(ref, p.dockerReference());
      if (problem.isPresent()) {
        return Check.fail("signed by " + key.name() + " " + problem.get());
      }
    }
    return new Check(key, p, null);
  }

  private static Optional<String> identityProblem(Reference ref, String signed) {
    Reference s;
    try {
      s = Reference.parse(signed);
    } catch (IllegalArgumentException e) {
      return Optional.of("for \"" + signed + "\", which is not a reference");
    }
    if (host(s.registry()).equals(host(ref.registry()))
        && s.repository().equals(ref.repository())) {
      return Optional.empty();
    }
    return Optional.of("for repository " + s.name() + ", not " + ref.name()
        + " (a policy scope with \"identity\": \"any\" accepts that)");
  }

  /** Docker Hub's other names, as go-containerregistry writes them, are docker.io. */
  private static String host(String registry) {
    return switch (registry) {
      case "index.docker.io", "registry-1.docker.io" -> Reference.DOCKER_HUB;
      default -> registry;
    };
  }

  private static String names(List<VerificationKey> keys) {
    return keys.stream().map(VerificationKey::name).collect(Collectors.joining(", "));
  }

  private static SignatureException invalid(Reference subject, Digest digest, String wanted,
      String why) {
    return new SignatureException(ErrorCode.SIGNATURE_INVALID, subject + ": " + wanted + "; "
        + why, subject, digest);
  }
}
