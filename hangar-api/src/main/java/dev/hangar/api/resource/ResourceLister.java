package dev.hangar.api.resource;

import java.io.IOException;
import java.util.List;

/**
 * An optional capability of a {@link ResourceClient}: listing a directory-like resource.
 *
 * @since 0.1
 */
public interface ResourceLister {
  /**
   * Lists the entries under the request's URI.
   *
   * @throws IOException when the resource cannot be reached or is not a directory
   */
  List<ResourceEntry> list(ResourceRequest request) throws IOException;
}
