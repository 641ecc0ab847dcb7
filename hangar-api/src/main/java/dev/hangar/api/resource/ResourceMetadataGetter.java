package dev.hangar.api.resource;

import java.io.IOException;

/**
 * An optional capability of a {@link ResourceClient}: all metadata in one round trip.
 *
 * @since 0.1
 */
public interface ResourceMetadataGetter {
  /**
   * The resource's metadata.
   *
   * @throws IOException when the resource cannot be reached
   */
  ResourceMetadata metadata(ResourceRequest request) throws IOException;
}
