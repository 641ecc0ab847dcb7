package dev.hangar.managed.internal.artifact;

import dev.hangar.api.ApiVersion;
import dev.hangar.api.PluginAttributes;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * What Hangar checks of a plugin JAR before it is pushed or installed, so that no host would
 * refuse it for these reasons later: its file name ({@code docs/protocol.md} section 10), its
 * manifest's {@code Hangar-Api-Version} (accepted by this Hangar's API, {@link
 * ApiVersion#CURRENT}), and its one {@code META-INF/services/dev.hangar.api.PluginInit}.
 *
 * @param file the file name
 * @param apiVersion the manifest's API version
 */
public record JarFacts(String file, ApiVersion apiVersion) {
  static final Pattern FILE_NAME =
      Pattern.compile("[A-Za-z0-9_.]+-[A-Za-z0-9_.]+-plugin-[A-Za-z0-9_.][A-Za-z0-9_.-]*\\.jar");
  static final String SERVICE = "META-INF/services/dev.hangar.api.PluginInit";

  /**
   * Checks a file name.
   *
   * @throws HangarException PACKAGE_INVALID naming the file and the pattern
   */
  public static String checkName(String file) {
    if (!FILE_NAME.matcher(file).matches()) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, file + " is not a plugin JAR's name:"
          + " <vendor>-<type>-plugin-<name>.jar (vendor and type [A-Za-z0-9_.]+)");
    }
    return file;
  }

  /**
   * Checks that {@code version} is one this Hangar loads.
   *
   * @param where names the plugin in the message
   * @throws HangarException API_VERSION_MISMATCH naming both versions
   */
  public static ApiVersion checkApi(String version, String where) {
    ApiVersion v;
    try {
      v = ApiVersion.parse(version);
    } catch (IllegalArgumentException e) {
      throw new HangarException(ErrorCode.API_VERSION_MISMATCH, where + ": API version '"
          + version + "' is not MAJOR.MINOR");
    }
    if (!ApiVersion.CURRENT.accepts(v)) {
      throw new HangarException(ErrorCode.API_VERSION_MISMATCH, where
          + " was built against plugin API " + v + ", but this Hangar accepts API "
          + ApiVersion.CURRENT.major() + ".0 to " + ApiVersion.CURRENT
          + ": rebuild it against hangar-api " + ApiVersion.CURRENT);
    }
    return v;
  }

  /**
   * Reads and checks the JAR at {@code jar}, named {@code fileName}.
   *
   * @throws HangarException PACKAGE_INVALID (name, not a JAR, no or several service entries),
   *     API_VERSION_MISMATCH (missing, malformed or not accepted)
   */
  public static JarFacts read(Path jar, String fileName) {
    checkName(fileName);
    try (JarFile f = new JarFile(jar.toFile(), false)) {
      Manifest m = f.getManifest();
      String v = m == null ? null
          : m.getMainAttributes().getValue(PluginAttributes.MANIFEST_API_VERSION);
      if (v == null) {
        throw new HangarException(ErrorCode.API_VERSION_MISMATCH, fileName + " has no "
            + PluginAttributes.MANIFEST_API_VERSION + " in its manifest (build it with"
            + " dev.hangar:hangar-plugin-parent as its parent POM)");
      }
      ApiVersion api = checkApi(v.trim(), fileName);
      var svc = f.getJarEntry(SERVICE);
      if (svc == null) {
        throw new HangarException(ErrorCode.PACKAGE_INVALID, fileName + " has no " + SERVICE
            + ": a plugin JAR names its dev.hangar.api.PluginInit class there");
      }
      return new JarFacts(fileName, api);
    } catch (IOException | SecurityException e) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, fileName + " is not a readable JAR: "
          + e.getMessage(), e);
    }
  }
}
