package dev.hangar.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image manifest (Docker schema 2 or OCI), parsed and checked, with the raw form it came from.
 *
 * @param raw the exact bytes and their digest
 * @param config the config blob's descriptor
 * @param layers the layers' descriptors, in order
 * @param artifactType the OCI {@code artifactType}, when set
 * @param index the manifest list or OCI index it was picked from, when the reference named one
 * @since 0.1
 */
public record ImageManifest(RawManifest raw, Descriptor config, List<Descriptor> layers,
    Optional<String> artifactType, Optional<RawManifest> index) {
  /**
   * @param raw the raw manifest
   * @param config the config descriptor
   * @param layers the layer descriptors
   * @param artifactType the artifact type, or empty
   * @param index the list it was picked from, or empty
   */
  public ImageManifest {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
    Objects.requireNonNull(artifactType, "artifactType");
    Objects.requireNonNull(index, "index");
  }

  /** The manifest's media type. */
  public String mediaType() {
    return raw.mediaType();
  }

  /** The manifest's digest (of its exact bytes). */
  public Digest digest() {
    return raw.digest();
  }
}
