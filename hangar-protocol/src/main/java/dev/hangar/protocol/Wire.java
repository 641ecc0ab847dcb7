package dev.hangar.protocol;

/**
 * Every string of Docker's plugin wire protocol, in one place. See {@code docs/protocol.md}.
 *
 * @since 0.1
 */
public final class Wire {
  /** The {@code Accept} value Docker's client sends (moby's constant; the docs say {@code v1}). */
  public static final String ACCEPT = "application/vnd.docker.plugins.v1.2+json";

  /** The {@code Content-Type} Docker's plugin SDK answers with. */
  public static final String CONTENT_TYPE = "application/vnd.docker.plugins.v1.1+json";

  /** The handshake method. */
  public static final String ACTIVATE = "Plugin.Activate";

  /** The {@code Host} header sent on unix sockets (moby since v25). Plugins must ignore Host. */
  public static final String UNIX_HOST = "plugin.moby.localhost";

  /** The JSON field carrying a plugin's error text. */
  public static final String ERR_FIELD = "Err";

  /**
   * The longest unix socket path, in bytes, Hangar can use: Linux's {@code sun_path} holds 108
   * bytes with the terminating NUL, and the JDK refuses paths of 107 bytes and more.
   */
  public static final int MAX_UNIX_PATH_BYTES = 106;

  private Wire() {}
}
