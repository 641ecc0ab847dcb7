package dev.hangar.protocol.internal.tls;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files: X.509 certificates, and unencrypted private keys in PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) form,
 * the forms {@code openssl} and Go's tooling write. Every failure is a {@link HangarException}
 * with {@link ErrorCode#TLS_INVALID} naming the file.
 */
public final class Pem {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS", "XDH"};

  /** One decoded PEM block. */
  record Block(String type, byte[] der) {}

  private Pem() {}

  /**
   * Reads every certificate in a PEM file.
   *
   * @param file the file
   * @return the certificates, in file order, at least one
   * @throws HangarException (TLS_INVALID) when the file cannot be read or holds no certificate
   */
  public static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(file)) {
        if (b.type().equals("CERTIFICATE") || b.type().equals("TRUSTED CERTIFICATE")) {
          out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (GeneralSecurityException | ClassCastException e) {
      throw invalid(file, "not a valid X.509 certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw invalid(file, "no PEM CERTIFICATE block found", null);
    }
    return out;
  }

  /**
   * Reads the first private key in a PEM file.
   *
   * @param file the file
   * @return the key
   * @throws HangarException (TLS_INVALID) when the file cannot be read, holds no key, holds an
   *     encrypted key, or the key cannot be decoded
   */
  public static PrivateKey readPrivateKey(Path file) {
    for (Block b : blocks(file)) {
      try {
        switch (b.type()) {
          case "PRIVATE KEY" -> {
            return pkcs8(file, b.der());
          }
          case "RSA PRIVATE KEY" -> {
            byte[] algorithm = Der.tlv(Der.SEQUENCE, Der.RSA_ENCRYPTION, new byte[] {Der.NULL, 0});
            return pkcs8(file, Der.pkcs8(algorithm, b.der()));
          }
          case "EC PRIVATE KEY" -> {
            return pkcs8(file, Der.pkcs8(ecAlgorithm(b.der()), b.der()));
          }
          case "ENCRYPTED PRIVATE KEY" ->
              throw invalid(file, "encrypted private keys are not supported; decrypt it first",
                  null);
          default -> { }
        }
      } catch (IllegalArgumentException e) {
        throw invalid(file, "malformed " + b.type() + ": " + e.getMessage(), e);
      }
    }
    throw invalid(file, "no PEM private key block found (PRIVATE KEY, RSA PRIVATE KEY or "
        + "EC PRIVATE KEY)", null);
  }

  /** SEC1 keeps the curve in an optional [0] element; PKCS#8 wants it in the algorithm id. */
  private static byte[] ecAlgorithm(byte[] sec1) {
    for (Der.Element e : Der.sequence(sec1)) {
      if (e.tag() == 0xa0) {
        return Der.tlv(Der.SEQUENCE, Der.EC_PUBLIC_KEY, e.content());
      }
    }
    throw new IllegalArgumentException("the key does not name its curve");
  }

  private static PrivateKey pkcs8(Path file, byte[] der) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
        // try the next algorithm
      }
    }
    throw invalid(file, "unsupported or malformed private key", null);
  }

  static List<Block> blocks(Path file) {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw invalid(file, "is not a regular file", null); // a FIFO would block the read
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw invalid(file, "cannot read: " + e, e);
    }
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String body = m.group(2);
      if (body.contains("Proc-Type:") && body.contains("ENCRYPTED")) {
        throw invalid(file, "encrypted private keys are not supported; decrypt it first", null);
      }
      // RFC 1421 headers ("Name: value" lines) before the base64 are skipped
      body = body.replaceAll("(?m)^[A-Za-z-]+:.*$", "");
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
      } catch (IllegalArgumentException e) {
        throw invalid(file, "bad base64 in " + m.group(1) + " block", e);
      }
    }
    if (out.isEmpty()) {
      throw invalid(file, "not a PEM file (no -----BEGIN ...----- block)", null);
    }
    return out;
  }

  static HangarException invalid(Path file, String problem, Throwable cause) {
    return new HangarException(ErrorCode.TLS_INVALID, file + ": " + problem, cause);
  }
}
