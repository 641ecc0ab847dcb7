package dev.hangar.cli;

import dev.hangar.api.ApiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints Hangar's version and, on its own line, the plugin API version it accepts. */
final class VersionProvider implements IVersionProvider {

  /** Hangar's version, from the build. */
  static String hangarVersion() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"hangar " + hangarVersion(), "api " + ApiVersion.CURRENT};
  }
}
