package dev.hangar.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest of the OCI distribution API, {@code sha256:<64 lowercase hex>}. Only sha256 is
 * accepted: it is what Docker and every registry write, and what Hangar verifies.
 *
 * @param hex the 64 lowercase hex digits
 * @since 0.1
 */
public record Digest(String hex) {
  /** The algorithm prefix, without the colon. */
  public static final String ALGORITHM = "sha256";

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /**
   * @param hex the 64 lowercase hex digits
   * @throws IllegalArgumentException when {@code hex} is not 64 lowercase hex digits
   */
  public Digest {
    Objects.requireNonNull(hex, "hex");
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: " + hex);
    }
  }

  /**
   * Parses {@code sha256:<hex>}.
   *
   * @param text the digest
   * @return the digest
   * @throws IllegalArgumentException when the text is not a sha256 digest
   */
  public static Digest parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.startsWith(ALGORITHM + ":") || !HEX.matcher(text.substring(7)).matches()) {
      throw new IllegalArgumentException("not a sha256 digest (sha256:<64 hex digits>): " + text);
    }
    return new Digest(text.substring(7));
  }

  /** Whether {@code text} is a sha256 digest {@link #parse} accepts. */
  public static boolean isDigest(String text) {
    return text != null && text.startsWith(ALGORITHM + ":")
        && HEX.matcher(text.substring(7)).matches();
  }

  /**
   * The digest of {@code bytes}.
   *
   * @param bytes the content
   * @return its sha256 digest
   */
  public static Digest of(byte[] bytes) {
    MessageDigest md = newSha256();
    return new Digest(HexFormat.of().formatHex(md.digest(bytes)));
  }

  /** A fresh SHA-256 {@link MessageDigest}, for computing a digest as bytes arrive. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The digest a finished {@link #newSha256()} computed.
   *
   * @param md the message digest; it is reset
   * @return the digest
   */
  public static Digest of(MessageDigest md) {
    return new Digest(HexFormat.of().formatHex(md.digest()));
  }

  /** {@code sha256:<hex>}. */
  @Override
  public String toString() {
    return ALGORITHM + ":" + hex;
  }
}
