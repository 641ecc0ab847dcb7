package dev.hangar.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Handles one wire method without a Java interface.
 *
 * <p>Called on a thread of the server's pool, possibly concurrently with other calls, so an
 * implementation must be thread-safe. It may block.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RawHandler {

  /**
   * Handles a call.
   *
   * @param body the request body parsed as JSON, or null when the body was empty or JSON
   *     {@code null}
   * @return the reply, encoded as JSON; null is sent as {@code {}}; an
   *     {@link java.io.InputStream} is sent as it is, chunked, and closed (for streamed replies
   *     such as {@code LogDriver.ReadLogs})
   * @throws Exception any failure: the caller gets HTTP 500 with {@code {"Err":"<message>"}}, the
   *     stack trace stays in the plugin's log; throw a {@link PluginError} for an error answered
   *     on purpose (not found, in use), which is logged at debug level only
   */
  Object handle(JsonNode body) throws Exception;
}
