package dev.hangar.managed.internal.artifact;

import dev.hangar.managed.PluginKind;
import dev.hangar.managed.internal.pkg.LayerImporter;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Makes the rootfs of a JAR or exec plugin from its verified layer: a JAR plugin's rootfs holds
 * the JAR under its own name (checked again: the name, the manifest's API version, which must
 * be the config's, the service file); an exec bundle's is the tar unpacked with the package
 * checks and must hold {@code .plugin.toml} at its top.
 */
public final class ArtifactUnpack {
  /** The declaration file an exec bundle holds at its top. */
  public static final String DECLARATIONS = ".plugin.toml";

  private ArtifactUnpack() {}

  /**
   * @param layer the layer's verified blob
   * @param staging an existing, empty, private directory; the rootfs is made in it
   * @param maxBytes the most bytes the rootfs may hold
   * @param where names the image in messages
   * @return {@code <staging>/rootfs}
   * @throws HangarException PACKAGE_INVALID, API_VERSION_MISMATCH, MANIFEST_INVALID (the JAR is
   *     not what its config says), IO_ERROR, DISK_FULL
   */
  public static Path into(ArtifactConfig config, Path layer, Path staging, long maxBytes,
      String where) {
    return config.kind() == PluginKind.JAR ? jar(config, layer, staging, maxBytes, where)
        : exec(layer, staging, maxBytes, where);
  }

  private static Path jar(ArtifactConfig config, Path layer, Path staging, long maxBytes,
      String where) {
    Path rootfs = staging.resolve("rootfs");
    try {
      long size = Files.size(layer);
      if (size > maxBytes) {
        throw new HangarException(ErrorCode.PACKAGE_INVALID, where + ": the JAR is " + size
            + " bytes, more than the limit of " + maxBytes);
      }
      Files.createDirectory(rootfs);
      Path jar = rootfs.resolve(JarFacts.checkName(config.jarFile()));
      Files.copy(layer, jar);
      JarFacts facts = JarFacts.read(jar, config.jarFile());
      if (!facts.apiVersion().toString().equals(config.apiVersion())) {
        throw new HangarException(ErrorCode.MANIFEST_INVALID, where + ": its config says API "
            + config.apiVersion() + " but " + config.jarFile() + "'s manifest says "
            + facts.apiVersion());
      }
      return rootfs;
    } catch (IOException e) {
      throw IoErrors.writeFailed(where + ": cannot write the JAR: " + e, e);
    }
  }

  private static Path exec(Path layer, Path staging, long maxBytes, String where) {
    LayerImporter importer = new LayerImporter(staging, maxBytes);
    try (InputStream in = Files.newInputStream(layer)) {
      importer.apply(in, where + " bundle");
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, where + ": cannot read the bundle: " + e, e);
    }
    Path rootfs = importer.finish();
    if (!Files.isRegularFile(rootfs.resolve(DECLARATIONS), LinkOption.NOFOLLOW_LINKS)) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, where + ": the bundle has no "
          + DECLARATIONS + " (a regular file) at its top");
    }
    return rootfs;
  }
}
