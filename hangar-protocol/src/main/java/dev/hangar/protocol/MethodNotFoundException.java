package dev.hangar.protocol;

/**
 * The plugin answered 404: it does not implement the method. Docker treats this as "optional
 * method not implemented" for a few methods, so callers may want to catch it on its own.
 *
 * @since 0.1
 */
public final class MethodNotFoundException extends PluginCallException {
  private static final long serialVersionUID = 1L;

  /**
   * @param plugin the plugin's name
   * @param method the wire method
   * @param detail the body of the 404, capped
   */
  public MethodNotFoundException(String plugin, String method, String detail) {
    super(ErrorCode.METHOD_NOT_FOUND, plugin, method, 404, detail, null);
  }
}
