package dev.hangar.api.resource;

import java.io.IOException;

/**
 * Downloads resources of one URL scheme: the Java form of Dragonfly's {@code ResourceClient}. A
 * resource plugin returns one from {@link dev.hangar.api.PluginInit#init} with the attributes
 * {@code type=resource} and {@code scheme=<scheme>}.
 *
 * <p>Optional capabilities are separate interfaces a client may also implement, found with
 * {@code instanceof}: {@link ResourceLister}, {@link ResourceMetadataGetter}.
 *
 * <p>Implementations must be thread-safe: the host may call them concurrently.
 *
 * @since 0.1
 */
public interface ResourceClient {
  /**
   * The resource's length in bytes.
   *
   * @return the length, or -1 when unknown
   * @throws IOException when the resource cannot be reached
   */
  long contentLength(ResourceRequest request) throws IOException;

  /**
   * Whether {@link #download} honours {@link ResourceRequest#range()} for this resource.
   *
   * @throws IOException when the resource cannot be reached
   */
  boolean supportsRange(ResourceRequest request) throws IOException;

  /**
   * Whether a copy downloaded with {@code info} is out of date.
   *
   * @param info what the earlier download reported
   * @return true when the copy must be downloaded again
   * @throws IOException when the resource cannot be reached
   */
  boolean isExpired(ResourceRequest request, ExpireInfo info) throws IOException;

  /**
   * Opens the resource (or the requested range, answering status 206).
   *
   * @return the response; the caller closes it
   * @throws java.io.FileNotFoundException when the resource does not exist
   * @throws IOException any other failure
   */
  ResourceResponse download(ResourceRequest request) throws IOException;

  /**
   * The resource's last-modified time.
   *
   * @return epoch milliseconds, or -1 when unknown
   * @throws IOException when the resource cannot be reached
   */
  long lastModified(ResourceRequest request) throws IOException;
}
