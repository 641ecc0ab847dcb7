package dev.hangar.registry;

import java.util.List;

/**
 * The manifest media types the client understands, and the {@code Accept} header it sends.
 *
 * @since 0.1
 */
public final class MediaTypes {
  /** Docker image manifest, schema 2. */
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  /** Docker manifest list. */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  /** OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  /** OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  /** Docker's image config. */
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  /** Docker's plugin config (what {@code docker plugin push} writes). */
  public static final String DOCKER_PLUGIN_CONFIG = "application/vnd.docker.plugin.v1+json";
  /** Docker's gzipped layer. */
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";
  /** OCI image config. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  /** OCI gzipped layer. */
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** Image manifests, in the order of preference sent in {@code Accept}. */
  public static final List<String> MANIFESTS = List.of(OCI_MANIFEST, DOCKER_MANIFEST);
  /** Lists of manifests. */
  public static final List<String> INDEXES = List.of(OCI_INDEX, DOCKER_MANIFEST_LIST);

  private MediaTypes() {}

  /** Whether {@code mediaType} is an image manifest (OCI or Docker schema 2). */
  public static boolean isManifest(String mediaType) {
    return MANIFESTS.contains(mediaType);
  }

  /** Whether {@code mediaType} is a manifest list or OCI index. */
  public static boolean isIndex(String mediaType) {
    return INDEXES.contains(mediaType);
  }

  /** The {@code Accept} header for manifest requests: every type above, never schema 1. */
  public static String accept() {
    return String.join(", ", OCI_MANIFEST, DOCKER_MANIFEST, OCI_INDEX, DOCKER_MANIFEST_LIST);
  }
}
