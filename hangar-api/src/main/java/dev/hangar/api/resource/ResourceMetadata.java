package dev.hangar.api.resource;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ResourceMetadataGetter} reports about a resource.
 *
 * @param contentLength the length in bytes, or -1 when unknown
 * @param supportsRange whether ranges are honoured
 * @param expireInfo last-modified and ETag
 * @param headers other metadata, copied
 * @since 0.1
 */
public record ResourceMetadata(long contentLength, boolean supportsRange, ExpireInfo expireInfo,
    Map<String, String> headers) {
  /** Checks and copies. */
  public ResourceMetadata {
    Objects.requireNonNull(expireInfo, "expireInfo");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
  }
}
