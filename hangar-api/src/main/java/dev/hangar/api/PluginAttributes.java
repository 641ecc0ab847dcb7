package dev.hangar.api;

/**
 * The attribute keys a JAR plugin returns in {@link Loaded#attributes()}, and the manifest
 * attribute carrying the API version it was built against.
 *
 * @since 0.1
 */
public final class PluginAttributes {
  /** Required: the plugin's type, e.g. {@code resource}; must match the file name. */
  public static final String TYPE = "type";

  /** Required: the plugin's name, e.g. {@code d7yfs}; must match the file name. */
  public static final String NAME = "name";

  /** Resource plugins: the URL scheme they serve, e.g. {@code d7yfs}. */
  public static final String SCHEME = "scheme";

  /** The spelling of Dragonfly's old plugin guide; accepted for {@link #SCHEME} with a warning. */
  public static final String LEGACY_SCHEME = "schema";

  /** Optional: the commit the plugin was built from. */
  public static final String BUILD_COMMIT = "buildCommit";

  /** Optional: when the plugin was built. */
  public static final String BUILD_TIME = "buildTime";

  /** Optional: who made the plugin. */
  public static final String VENDOR = "vendor";

  /** The type of resource plugins. */
  public static final String RESOURCE_TYPE = "resource";

  /**
   * The JAR manifest attribute holding the API version a plugin was built against, as
   * {@code MAJOR.MINOR}; Hangar's build fills it in.
   */
  public static final String MANIFEST_API_VERSION = "Hangar-Api-Version";

  private PluginAttributes() {}
}
