package dev.hangar.protocol;

/**
 * No plugin of that name was found in any configured directory.
 *
 * @since 0.1
 */
public final class PluginNotFoundException extends HangarException {
  private static final long serialVersionUID = 1L;

  private final String plugin;

  /** @param plugin the name that was looked up */
  public PluginNotFoundException(String plugin) {
    super(ErrorCode.PLUGIN_NOT_FOUND, "plugin " + plugin + " not found");
    this.plugin = plugin;
  }

  /**
   * @param plugin the name that was looked up
   * @param message the whole message, naming the plugin and where it was looked for
   * @since 0.1
   */
  public PluginNotFoundException(String plugin, String message) {
    super(ErrorCode.PLUGIN_NOT_FOUND, message);
    this.plugin = plugin;
  }

  /** The name that was looked up. */
  public String plugin() {
    return plugin;
  }
}
