package dev.hangar.resource;

import dev.hangar.api.resource.ByteRange;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to download and where.
 *
 * @param uri the resource
 * @param target the final file; its directory must exist
 * @param range the bytes wanted, or null for the whole resource
 * @param resume whether to continue a partial file left by an earlier attempt
 * @param digest the digest the bytes must match, or null
 * @param headers request headers for the client, copied
 * @param sync whether to force the bytes to disk before the rename (default true)
 * @since 0.1
 */
public record DownloadRequest(URI uri, Path target, ByteRange range, boolean resume,
    ExpectedDigest digest, Map<String, String> headers, boolean sync) {

  /** Checks and copies. */
  public DownloadRequest {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(target, "target");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    if (target.getFileName() == null) {
      throw new IllegalArgumentException("target has no file name: " + target);
    }
  }

  /** The whole resource into {@code target}, no resume, no digest, synced. */
  public static DownloadRequest of(URI uri, Path target) {
    return new DownloadRequest(uri, target, null, false, null, Map.of(), true);
  }

  /** A copy asking for {@code r} (null: the whole resource). */
  public DownloadRequest withRange(ByteRange r) {
    return new DownloadRequest(uri, target, r, resume, digest, headers, sync);
  }

  /** A copy that resumes (or not) a partial file. */
  public DownloadRequest withResume(boolean r) {
    return new DownloadRequest(uri, target, range, r, digest, headers, sync);
  }

  /** A copy that verifies {@code d} (null: none). */
  public DownloadRequest withDigest(ExpectedDigest d) {
    return new DownloadRequest(uri, target, range, resume, d, headers, sync);
  }

  /** A copy that forces the bytes to disk before the rename, or not. */
  public DownloadRequest withSync(boolean s) {
    return new DownloadRequest(uri, target, range, resume, digest, headers, s);
  }

  /** The byte range, when one is asked for. */
  public Optional<ByteRange> byteRange() {
    return Optional.ofNullable(range);
  }

  /** The expected digest, when one is given. */
  public Optional<ExpectedDigest> expectedDigest() {
    return Optional.ofNullable(digest);
  }
}
