package dev.hangar.api.resource;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for a resource: its URI, request headers and an optional byte range.
 *
 * @param uri the resource, e.g. {@code d7yfs://host:56001/path}
 * @param headers request headers (e.g. authorization), copied; never null
 * @param range the bytes wanted, or null for the whole resource
 * @since 0.1
 */
public record ResourceRequest(URI uri, Map<String, String> headers, ByteRange range) {
  /** Checks and copies. */
  public ResourceRequest {
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
  }

  /** A request for the whole resource, without headers. */
  public static ResourceRequest of(URI uri) {
    return new ResourceRequest(uri, Map.of(), null);
  }

  /** The byte range, when one is asked for. */
  public Optional<ByteRange> byteRange() {
    return Optional.ofNullable(range);
  }

  /** A copy asking for {@code r} (or the whole resource when null). */
  public ResourceRequest withRange(ByteRange r) {
    return new ResourceRequest(uri, headers, r);
  }
}
