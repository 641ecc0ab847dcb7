package dev.hangar.managed.internal.ref;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Managed plugin IDs: 64 lower-case hex characters, as moby's {@code
 * stringid.GenerateRandomID}.
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

  /** Whether {@code s} is a full ID: exactly 64 lower-case hex characters. */
  public static boolean isFullId(String s) {
    return s != null && Grammar.isFullHexId(s);
  }
}
