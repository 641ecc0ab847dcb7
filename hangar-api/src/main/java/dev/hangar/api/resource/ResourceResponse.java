package dev.hangar.api.resource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * A resource's content as a client delivers it. The caller reads {@link #body()} and closes the
 * response.
 *
 * @param body the content (of the requested range, when one was asked for and honoured)
 * @param status an HTTP-style status: 200 for the whole resource, 206 for a range
 * @param contentLength the number of bytes in {@code body}, or -1 when unknown
 * @param headers response headers, copied; never null
 * @param expireInfo last-modified and ETag, for {@link ResourceClient#isExpired}
 * @since 0.1
 */
public record ResourceResponse(InputStream body, int status, long contentLength,
    Map<String, String> headers, ExpireInfo expireInfo) implements AutoCloseable {

  /** Checks and copies. */
  public ResourceResponse {
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    Objects.requireNonNull(expireInfo, "expireInfo");
    if (contentLength < -1) {
      throw new IllegalArgumentException("contentLength must be -1 or more: " + contentLength);
    }
  }

  /** A plain 200 response of {@code contentLength} bytes (-1 when unknown). */
  public static ResourceResponse of(InputStream body, long contentLength) {
    return new ResourceResponse(body, 200, contentLength, Map.of(), ExpireInfo.NONE);
  }

  /** A copy with another status, e.g. 206 for a range. */
  public ResourceResponse withStatus(int s) {
    return new ResourceResponse(body, s, contentLength, headers, expireInfo);
  }

  /** A copy with these headers. */
  public ResourceResponse withHeaders(Map<String, String> h) {
    return new ResourceResponse(body, status, contentLength, h, expireInfo);
  }

  /** A copy with this expiry information. */
  public ResourceResponse withExpireInfo(ExpireInfo e) {
    return new ResourceResponse(body, status, contentLength, headers, e);
  }

  /** Closes the body. */
  @Override
  public void close() throws IOException {
    body.close();
  }
}
