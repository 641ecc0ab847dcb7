package dev.hangar.managed.internal.store;

import dev.hangar.registry.Digest;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The blobs of the image a managed plugin came from (or was pushed as), as moby's
 * {@code v2.Plugin} records them: {@code Manifest}, {@code Config} and {@code Blobsums} (the
 * layers, in order). The blobs are in the shared content store while a plugin refers to them.
 *
 * @param manifest the manifest's digest
 * @param config the config blob's digest
 * @param layers the layers' digests
 */
public record ImageDigests(Digest manifest, Digest config, List<Digest> layers) {
  public ImageDigests {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
  }

  /** Every digest: manifest, config and layers. */
  public Set<Digest> all() {
    Set<Digest> s = new HashSet<>(layers);
    s.add(manifest);
    s.add(config);
    return s;
  }
}
