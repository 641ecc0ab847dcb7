package dev.hangar.resource;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A digest a download must match, written {@code ALGORITHM:HEX}, e.g. {@code sha256:9f86d0...}.
 * Algorithms: {@code sha256} and {@code sha512}.
 *
 * @param algorithm the lower-case name, e.g. {@code sha256}
 * @param hex the expected value, lower-case hexadecimal
 * @since 0.1
 */
public record ExpectedDigest(String algorithm, String hex) {
  private static final Map<String, String> JDK_NAMES =
      Map.of("sha256", "SHA-256", "sha512", "SHA-512");
  private static final Map<String, Integer> HEX_LENGTHS = Map.of("sha256", 64, "sha512", 128);

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException for an unknown algorithm or a value of the wrong length
   */
  public ExpectedDigest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    Integer len = HEX_LENGTHS.get(algorithm);
    if (len == null) {
      throw new IllegalArgumentException("unknown digest algorithm '" + algorithm
          + "' (known: sha256, sha512)");
    }
    hex = hex.toLowerCase(Locale.ROOT);
    if (hex.length() != len || !hex.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("a " + algorithm + " digest is " + len
          + " hexadecimal digits, got '" + hex + "'");
    }
  }

  /**
   * Parses {@code ALGORITHM:HEX}.
   *
   * @throws HangarException {@link ErrorCode#USAGE} when malformed
   */
  public static ExpectedDigest parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new HangarException(ErrorCode.USAGE,
          "digest '" + text + "' must be ALGORITHM:HEX, e.g. sha256:<64 hex digits>");
    }
    try {
      return new ExpectedDigest(text.substring(0, colon).toLowerCase(Locale.ROOT),
          text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new HangarException(ErrorCode.USAGE, "bad digest '" + text + "': " + e.getMessage());
    }
  }

  /** The name {@link java.security.MessageDigest} knows the algorithm by. */
  public String jdkName() {
    return JDK_NAMES.get(algorithm);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
