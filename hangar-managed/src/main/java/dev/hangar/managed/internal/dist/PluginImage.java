package dev.hangar.managed.internal.dist;

import dev.hangar.managed.internal.artifact.ArtifactMedia;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.ImageManifest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.Reference;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A manifest checked to be a Docker plugin image: its config is
 * {@code application/vnd.docker.plugin.v1+json} and its layers are tar layers (gzipped or not,
 * Docker's or OCI's media types, as moby's {@code applyLayer} takes them).
 *
 * @param manifest the manifest
 * @param config the config blob
 * @param layers the layers, in order
 */
public record PluginImage(ImageManifest manifest, Descriptor config, List<Descriptor> layers) {
  /** Docker's uncompressed layer. */
  static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
  /** OCI's uncompressed layer. */
  static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  private static final Set<String> LAYERS = Set.of(MediaTypes.DOCKER_LAYER_GZIP, DOCKER_LAYER,
      MediaTypes.OCI_LAYER_GZIP, OCI_LAYER);
  /** The most layers taken (Docker's images stop at 127). */
  static final int MAX_LAYERS = 128;

  public PluginImage {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
  }

  /**
   * Checks {@code m}.
   *
   * @throws HangarException MANIFEST_INVALID naming the reference and what is wrong
   */
  public static PluginImage of(Reference ref, ImageManifest m) {
    if (!m.config().mediaType().equals(MediaTypes.DOCKER_PLUGIN_CONFIG)) {
      throw invalid(ref, "not a plugin image: its config is " + quote(m.config().mediaType())
          + ", not " + MediaTypes.DOCKER_PLUGIN_CONFIG + " or " + ArtifactMedia.CONFIG
          + " (fetched plugin image but plugin config is missing)");
    }
    if (m.layers().size() > MAX_LAYERS) {
      throw invalid(ref, "it has " + m.layers().size() + " layers, more than " + MAX_LAYERS);
    }
    for (Descriptor l : m.layers()) {
      if (!LAYERS.contains(l.mediaType())) {
        throw invalid(ref, "layer " + l.digest() + " has the media type "
            + quote(l.mediaType()) + ", not a tar layer (" + MediaTypes.DOCKER_LAYER_GZIP + ")");
      }
    }
    return new PluginImage(m, m.config(), m.layers());
  }

  /**
   * Checks {@code m} as one of Hangar's artifacts (its config {@link ArtifactMedia#CONFIG}):
   * exactly one layer, a JAR or an exec bundle.
   *
   * @throws HangarException MANIFEST_INVALID naming the reference and what is wrong
   */
  public static PluginImage artifact(Reference ref, ImageManifest m) {
    if (m.layers().size() != 1) {
      throw invalid(ref, "a Hangar plugin artifact has exactly one layer, this one has "
          + m.layers().size());
    }
    String t = m.layers().get(0).mediaType();
    if (!t.equals(ArtifactMedia.JAR_LAYER) && !t.equals(ArtifactMedia.EXEC_LAYER)) {
      throw invalid(ref, "layer " + m.layers().get(0).digest() + " has the media type "
          + quote(t) + ", not " + ArtifactMedia.JAR_LAYER + " or " + ArtifactMedia.EXEC_LAYER);
    }
    return new PluginImage(m, m.config(), m.layers());
  }

  /** Whether {@code m} is one of Hangar's artifacts rather than a Docker plugin image. */
  public static boolean isArtifact(ImageManifest m) {
    return m.config().mediaType().equals(ArtifactMedia.CONFIG);
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static HangarException invalid(Reference ref, String why) {
    return new HangarException(ErrorCode.MANIFEST_INVALID, ref + ": " + why);
  }
}
