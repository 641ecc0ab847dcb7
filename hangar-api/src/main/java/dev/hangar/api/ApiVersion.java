package dev.hangar.api;

/**
 * The version of the plugin API, {@code MAJOR.MINOR}.
 *
 * <p>A host accepts a plugin built against the same major version and a minor version that is not
 * newer than the host's own.
 *
 * @param major incompatible changes bump this
 * @param minor compatible additions bump this
 * @since 0.1
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

  /** The API version this copy of {@code hangar-api} defines. */
  public static final ApiVersion CURRENT = new ApiVersion(1, 0);

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException when a part is negative
   */
  public ApiVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("API version parts must not be negative: " + major + "."
          + minor);
    }
  }

  /**
   * Parses {@code MAJOR.MINOR}.
   *
   * @param text the version, for example {@code 1.0}
   * @return the version
   * @throws IllegalArgumentException when the text is not two dot-separated non-negative numbers
   */
  public static ApiVersion parse(String text) {
    String t = text.strip();
    int dot = t.indexOf('.');
    if (dot <= 0 || !digits(t, 0, dot) || !digits(t, dot + 1, t.length())) {
      throw new IllegalArgumentException("not a MAJOR.MINOR API version: '" + text + "'");
    }
    return new ApiVersion(Integer.parseInt(t.substring(0, dot)),
        Integer.parseInt(t.substring(dot + 1)));
  }

  private static boolean digits(String s, int from, int to) {
    if (to - from < 1 || to - from > 9) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether a host of this version can load a plugin built against {@code pluginVersion}.
   *
   * @param pluginVersion the version the plugin was compiled against
   * @return true when the majors are equal and the plugin's minor is not newer
   */
  public boolean accepts(ApiVersion pluginVersion) {
    return major == pluginVersion.major && pluginVersion.minor <= minor;
  }

  @Override
  public int compareTo(ApiVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
