package dev.hangar.protocol;

/**
 * A call reached the plugin and failed: a non-200 status, a 200 with a non-empty {@code Err}, a
 * malformed reply, a timeout or a broken connection. Carries the plugin, the method, the HTTP
 * status (0 when there was none) and the plugin's own error text.
 *
 * @since 0.1
 */
public class PluginCallException extends HangarException {
  private static final long serialVersionUID = 1L;

  private final String plugin;
  private final String method;
  private final int status;
  private final String detail;

  /**
   * @param code one of the call codes
   * @param plugin the plugin's name
   * @param method the wire method, e.g. {@code VolumeDriver.Create}
   * @param status the HTTP status, or 0 when the plugin sent none
   * @param detail the plugin's {@code Err} text, the capped raw body, or a description
   * @param cause the underlying failure, or null
   */
  public PluginCallException(
      ErrorCode code, String plugin, String method, int status, String detail, Throwable cause) {
    super(code, "plugin " + plugin + ": " + method + ": " + detail, cause);
    this.plugin = plugin;
    this.method = method;
    this.status = status;
    this.detail = detail;
  }

  /** The plugin's name. */
  public String plugin() {
    return plugin;
  }

  /** The wire method. */
  public String method() {
    return method;
  }

  /** The HTTP status, or 0 when the plugin sent none. */
  public int status() {
    return status;
  }

  /** The plugin's error text (its {@code Err}, or the raw body capped), or a description. */
  public String detail() {
    return detail;
  }
}
