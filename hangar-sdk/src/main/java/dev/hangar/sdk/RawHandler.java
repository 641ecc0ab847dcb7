package dev.hangar.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Handles one wire method without a Java interface.
 *
 * <p>Called on its own (virtual) thread, possibly concurrently with other calls, so an
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
   * @return the reply, encoded as JSON; null (or a {@code void}-like result) is sent as {@code {}}
   * @throws Exception any failure: the caller gets HTTP 500 with {@code {"Err":"<message>"}}, the
   *     stack trace stays in the plugin's log
   */
  Object handle(JsonNode body) throws Exception;
}
