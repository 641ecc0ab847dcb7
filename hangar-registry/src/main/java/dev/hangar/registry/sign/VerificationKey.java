package dev.hangar.registry.sign;

import dev.hangar.registry.Digest;
import dev.hangar.registry.internal.sign.KeyFiles;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A public key signatures are verified with: ECDSA on P-256 with SHA-256, what
 * {@code cosign generate-key-pair} makes ({@code cosign.pub}, a PEM {@code PUBLIC KEY}).
 *
 * @param name what messages call it: its file, or a name of the caller's
 * @param key the key, an EC key on P-256
 * @since 0.1
 */
public record VerificationKey(String name, PublicKey key) {
  /**
   * @param name the name
   * @param key the key
   * @throws IllegalArgumentException when the key is not an EC key on P-256
   */
  public VerificationKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    KeyFiles.checkP256(key);
  }

  /**
   * Reads the first {@code PUBLIC KEY} block of a PEM file.
   *
   * @param file the file
   * @return the key, named by the file
   * @throws dev.hangar.protocol.HangarException SIGNATURE_KEY_INVALID naming the file: unreadable,
   *     no PEM public key, not ECDSA P-256
   */
  public static VerificationKey load(Path file) {
    return new VerificationKey(file.toString(), KeyFiles.readPublicKey(file));
  }

  /** {@code sha256:<hex>} of the key's DER SubjectPublicKeyInfo: a stable id for the key. */
  public Digest fingerprint() {
    return Digest.of(key.getEncoded());
  }

  @Override
  public String toString() {
    return name + " (" + fingerprint() + ")";
  }
}
