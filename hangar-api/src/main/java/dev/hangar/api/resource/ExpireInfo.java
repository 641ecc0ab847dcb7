package dev.hangar.api.resource;

import java.util.Optional;

/**
 * What tells whether a downloaded copy is still current: the resource's last-modified time and
 * entity tag, as a server reported them.
 *
 * @param lastModified the {@code Last-Modified} value as sent (e.g. an HTTP date), or null
 * @param etag the {@code ETag} value as sent, or null
 * @since 0.1
 */
public record ExpireInfo(String lastModified, String etag) {
  /** Nothing known. */
  public static final ExpireInfo NONE = new ExpireInfo(null, null);

  /** The last-modified value, when known. */
  public Optional<String> lastModifiedValue() {
    return Optional.ofNullable(lastModified);
  }

  /** The entity tag, when known. */
  public Optional<String> etagValue() {
    return Optional.ofNullable(etag);
  }

  /** Whether neither value is known. */
  public boolean isEmpty() {
    return lastModified == null && etag == null;
  }
}
