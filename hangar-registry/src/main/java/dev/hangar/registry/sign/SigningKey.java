package dev.hangar.registry.sign;

import dev.hangar.registry.internal.sign.KeyFiles;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * A private key signatures are made with: ECDSA on P-256, signing with SHA-256.
 *
 * @param name what messages call it: its file, or a name of the caller's
 * @param key the key, an EC key on P-256
 * @since 0.1
 */
public record SigningKey(String name, PrivateKey key) {
  /**
   * @param name the name
   * @param key the key
   * @throws IllegalArgumentException when the key is not an EC key on P-256
   */
  public SigningKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    KeyFiles.checkP256(key);
  }

  /**
   * Reads an unencrypted private key from a PEM file: PKCS#8 ({@code PRIVATE KEY}) or SEC1
   * ({@code EC PRIVATE KEY}), as {@code openssl} writes. Cosign's encrypted key files
   * ({@code ENCRYPTED COSIGN PRIVATE KEY}) are refused with a message saying so.
   *
   * @param file the file
   * @return the key, named by the file
   * @throws dev.hangar.protocol.HangarException SIGNATURE_KEY_INVALID naming the file
   */
  public static SigningKey load(Path file) {
    return new SigningKey(file.toString(), KeyFiles.readPrivateKey(file));
  }

  @Override
  public String toString() {
    return "SigningKey[" + name + "]";
  }
}
