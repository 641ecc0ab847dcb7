package dev.hangar.cli;

import dev.hangar.managed.internal.ref.References;
import dev.hangar.managed.internal.ref.RemoteRef;
import dev.hangar.registry.ImageManifest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.sign.SignaturePolicy;
import dev.hangar.registry.sign.SignatureVerifier;
import dev.hangar.registry.sign.VerificationKey;
import dev.hangar.registry.sign.VerifiedSignature;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --verify-key FILE}: the CLI resolves the reference's manifest itself (with the user's
 * Docker credentials), verifies its signature by the key, and pins the reference to the digest
 * verified, so that the daemon installs exactly that manifest ({@code docs/protocol.md},
 * "Signatures").
 *
 * @param remote the reference pinned, {@code registry/repository[:tag]@sha256:…}
 * @param name the local name the user asked for (the alias, else the reference's name and tag)
 * @param signature the signature that verified
 */
record VerifiedRemote(String remote, String name, VerifiedSignature signature) {

  /**
   * Verifies what {@code remote} names now.
   *
   * @param alias the local name, or null
   * @throws dev.hangar.protocol.HangarException SIGNATURE_KEY_INVALID (the key file),
   *     SIGNATURE_REQUIRED, SIGNATURE_INVALID, INVALID_PLUGIN_NAME, the registry's codes
   */
  static VerifiedRemote verify(CliContext ctx, RegistryFlags flags, String remote, String alias,
      Path keyFile) {
    VerificationKey key = VerificationKey.load(keyFile.toAbsolutePath());
    RemoteRef r = References.remote(remote, alias == null ? "" : alias);
    Reference ref = r.registry();
    try (RegistryClient client = flags.client(ctx)) {
      ImageManifest m = client.pullManifest(ref);
      VerifiedSignature v = SignatureVerifier.of(SignaturePolicy.requiring(List.of(key)))
          .verify(client, ref, m).orElseThrow();
      return new VerifiedRemote(ref.withDigest(v.digest()).toString(), r.localName(), v);
    }
  }
}
