package dev.hangar.registry.internal.sign;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/** ECDSA with SHA-256 over payload bytes, signatures in ASN.1 DER, as cosign writes them. */
public final class Ecdsa {
  private static final String ALGORITHM = "SHA256withECDSA";

  private Ecdsa() {}

  /** The DER signature of {@code payload}. */
  public static byte[] sign(PrivateKey key, byte[] payload) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(payload);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA signing failed: " + e.getMessage(), e);
    }
  }

  /** Whether {@code signature} (DER) is {@code key}'s signature of {@code payload}. */
  public static boolean verify(PublicKey key, byte[] payload, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(payload);
      return s.verify(signature);
    } catch (SignatureException e) {
      return false; // malformed DER: not a signature by this key
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA verification failed: " + e.getMessage(), e);
    }
  }
}
