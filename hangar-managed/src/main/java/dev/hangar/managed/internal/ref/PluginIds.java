package dev.hangar.managed.internal.ref;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Managed plugin IDs: 64 lower-case hex characters, as moby's {@code
 * stringid.GenerateRandomID} for created plugins; a pulled plugin's is derived from its name and
 * manifest digest, so that every daemon of a fleet gives one install the same ID.
 */
public final class PluginIds {
  private static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PluginIds() {}

  /** A new ID: 32 bytes from {@link SecureRandom}, in lower-case hex. Thread-safe. */
  public static String random() {
    byte[] b = new byte[BYTES];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * The ID of a plugin pulled as {@code name} from the image with manifest {@code digest}: the
   * lower-case hex SHA-256 of {@code <name>@<digest>} (UTF-8).
   */
  public static String pulled(String name, String digest) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest((name + "@" + digest).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Whether {@code s} is a full ID: exactly 64 lower-case hex characters. */
  public static boolean isFullId(String s) {
    return s != null && Grammar.isFullHexId(s);
  }
}
