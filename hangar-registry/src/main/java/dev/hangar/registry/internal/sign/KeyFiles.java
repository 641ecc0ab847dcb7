package dev.hangar.registry.internal.sign;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.tls.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads signing and verification keys from PEM files and checks they are ECDSA P-256 keys.
 * Every failure is SIGNATURE_KEY_INVALID naming the file.
 */
public final class KeyFiles {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final long MAX_FILE = 1 << 20;
  private static final ECParameterSpec P256 = p256();

  private KeyFiles() {}

  /**
   * The first {@code PUBLIC KEY} block of a PEM file, an EC key on P-256.
   *
   * @param file the file
   * @return the key
   * @throws HangarException SIGNATURE_KEY_INVALID
   */
  public static PublicKey readPublicKey(Path file) {
    String text = read(file);
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals("PUBLIC KEY")) {
        byte[] der;
        try {
          der = Base64.getMimeDecoder().decode(m.group(2).trim());
        } catch (IllegalArgumentException e) {
          throw invalid(file, "bad base64 in the PUBLIC KEY block", e);
        }
        PublicKey key;
        try {
          key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
          throw invalid(file, "not an EC public key (cosign keys are ECDSA P-256): "
              + e.getMessage(), e);
        }
        checkFile(file, key);
        return key;
      }
    }
    throw invalid(file, "no PEM PUBLIC KEY block found (a cosign.pub or "
        + "`openssl ec -pubout` file)", null);
  }

  /**
   * The private key of a PEM file (PKCS#8 or SEC1, unencrypted), an EC key on P-256.
   *
   * @param file the file
   * @return the key
   * @throws HangarException SIGNATURE_KEY_INVALID
   */
  public static PrivateKey readPrivateKey(Path file) {
    String text = read(file);
    if (text.contains("-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----")
        || text.contains("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----")) {
      throw invalid(file, "is a cosign encrypted private key, which Hangar does not read; give "
          + "an unencrypted PKCS#8 P-256 key (openssl genpkey -algorithm EC -pkeyopt "
          + "ec_paramgen_curve:P-256)", null);
    }
    PrivateKey key;
    try {
      key = Pem.readPrivateKey(file);
    } catch (HangarException e) {
      throw new HangarException(ErrorCode.SIGNATURE_KEY_INVALID, e.getMessage(), e);
    }
    checkFile(file, key);
    return key;
  }

  /**
   * Checks that a key is an EC key on P-256.
   *
   * @param key the key
   * @throws IllegalArgumentException when it is not
   */
  public static void checkP256(Key key) {
    if (!(key instanceof ECKey ec)) {
      throw new IllegalArgumentException("not an EC key: " + key.getAlgorithm()
          + " (cosign signatures are ECDSA P-256)");
    }
    ECParameterSpec p = ec.getParams();
    if (!p.getCurve().equals(P256.getCurve()) || !p.getOrder().equals(P256.getOrder())
        || !p.getGenerator().equals(P256.getGenerator())) {
      throw new IllegalArgumentException("not a P-256 key (cosign signatures are ECDSA P-256)");
    }
  }

  private static void checkFile(Path file, Key key) {
    try {
      checkP256(key);
    } catch (IllegalArgumentException e) {
      throw invalid(file, e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw invalid(file, Files.exists(file) ? "is not a regular file" : "does not exist",
            null);
      }
      if (Files.size(file) > MAX_FILE) {
        throw invalid(file, "is larger than " + MAX_FILE + " bytes: not a key file", null);
      }
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      if (!text.contains("-----BEGIN ")) {
        throw invalid(file, "not a PEM file (no -----BEGIN ...----- block)", null);
      }
      return text;
    } catch (IOException e) {
      throw invalid(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private static HangarException invalid(Path file, String problem, Throwable cause) {
    return new HangarException(ErrorCode.SIGNATURE_KEY_INVALID, file + ": " + problem, cause);
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters a = AlgorithmParameters.getInstance("EC");
      a.init(new ECGenParameterSpec("secp256r1"));
      return a.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no P-256", e);
    }
  }
}
