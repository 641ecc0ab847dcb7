package dev.hangar.registry.sign;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.Digest;
import dev.hangar.registry.MediaTypes;
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
import java.util.Map;
import java.util.Optional;

/**
 * Pushes cosign key-based signatures: a simple-signing payload naming the manifest digest and
 * its repository ({@code registry/repository}, no tag, as cosign writes it), signed with ECDSA
 * P-256/SHA-256, added as a layer to the signature image {@code <repo>:sha256-<hex>.sig}
 * (created if missing; existing signatures are kept, as cosign and containers/image do).
 *
 * <p>Two signers racing on one digest may lose one signature (the last manifest push wins).
 *
 * @since 0.1
 */
public final class Signer {
  /** The {@code optional.creator} Hangar writes. */
  public static final String CREATOR = "Hangar";

  private Signer() {}

  /**
   * Signs a manifest that is in {@code ref}'s repository.
   *
   * @param client the client (with push rights on the repository)
   * @param ref the repository (tag and digest ignored)
   * @param digest the manifest to sign
   * @param key the key
   * @return what was pushed
   * @throws RegistryException MANIFEST_NOT_FOUND (no such manifest in the repository), or as the
   *     client's pushes
   * @throws HangarException MANIFEST_INVALID when an existing signature image is unusable (it is
   *     left alone)
   */
  public static PushedSignature sign(RegistryClient client, Reference ref, Digest digest,
      SigningKey key) {
    Repository repo = Repository.of(ref);
    client.fetchManifest(repo.digest(digest)); // sign only what is there
    Reference sigRef = SignatureImage.of(ref, digest);
    List<SignatureImage.Layer> layers = new ArrayList<>(existing(client, sigRef));

    byte[] payload = Payloads.write(ref.name(), digest, Map.of("creator", CREATOR));
    String sig = Base64.getEncoder().encodeToString(Ecdsa.sign(key.key(), payload));
    Descriptor p = SmallBlobs.withFile(payload,
        f -> client.pushBlob(repo, f, Optional.empty()).descriptor());
    layers.add(new SignatureImage.Layer(SimpleSigningPayload.MEDIA_TYPE, p.digest(), p.size(),
        Map.of(SignatureImage.SIGNATURE_ANNOTATION, sig)));

    byte[] config = SignatureImage.config(layers);
    Descriptor c = SmallBlobs.withFile(config,
        f -> client.pushBlob(repo, f, Optional.empty()).descriptor());
    RawManifest m = SignatureImage.manifest(Descriptor.of(MediaTypes.OCI_CONFIG, c.digest(),
        c.size()), layers);
    return new PushedSignature(sigRef, client.pushManifest(sigRef, m), p.digest(), layers.size());
  }

  private static List<SignatureImage.Layer> existing(RegistryClient client, Reference sigRef) {
    RawManifest raw;
    try {
      raw = client.fetchManifest(sigRef);
    } catch (RegistryException e) {
      if (e.code() == ErrorCode.MANIFEST_NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
    try {
      return SignatureImage.layers(raw);
    } catch (IllegalArgumentException e) {
      throw new HangarException(ErrorCode.MANIFEST_INVALID, sigRef + ": the existing signature "
          + "image is unusable (" + e.getMessage() + "); it was left alone");
    }
  }
}
