package dev.hangar.examples.d7yfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build recorded about this JAR: the git commit and the build time, from the resource
 * {@code build.properties} that Maven filters (see hangar-plugin-parent).
 *
 * @param commit the git commit, or {@code unknown}
 * @param time the build time (ISO-8601, UTC), or {@code unknown}
 */
record BuildInfo(String commit, String time) {

  /** Reads this JAR's build information; {@code unknown} for what the build did not fill in. */
  static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("d7yfs: cannot read build.properties", e);
    }
    return new BuildInfo(value(p, "buildCommit"), value(p, "buildTime"));
  }

  private static String value(Properties p, String key) {
    String v = p.getProperty(key, "").strip();
    // An unfiltered resource (e.g. an IDE build) still holds the ${...} placeholder.
    return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
  }
}
