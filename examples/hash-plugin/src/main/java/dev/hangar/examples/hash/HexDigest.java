package dev.hangar.examples.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The hasher: text in, the lower-case hex digest of its UTF-8 bytes out.
 *
 * <p>It implements {@link Function} on purpose: a plugin type needs an interface that the host
 * and the plugin load from the same class loader. {@code java.*} always comes from the host, so a
 * JDK interface needs no extra API JAR; a type of one's own would have to be on the host's class
 * path and be loaded parent-first, which Hangar does only for {@code java.*} and
 * {@code dev.hangar.api.*}. Thread-safe: each call takes its own {@link MessageDigest}.
 */
final class HexDigest implements Function<String, String> {

  private final String algorithm;

  /**
   * @throws IllegalArgumentException when the JDK has no such algorithm
   */
  HexDigest(String algorithm) {
    try {
      MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("hasher sha: unknown algorithm '" + algorithm + "'", e);
    }
    this.algorithm = algorithm;
  }

  @Override
  public String apply(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("checked in the constructor", e);
    }
  }

  @Override
  public String toString() {
    return "HexDigest[" + algorithm + "]";
  }
}
