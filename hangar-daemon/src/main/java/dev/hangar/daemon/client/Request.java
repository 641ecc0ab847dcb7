package dev.hangar.daemon.client;

import java.time.Duration;

/**
 * One request of the client.
 *
 * @param method {@code GET}, {@code POST} or {@code DELETE}
 * @param target the escaped path and query, e.g. {@code /v1.41/plugins/x:latest/json}
 * @param contentType the body's type, or null
 * @param body the body, or null (a POST without a body sends {@code Content-Length: 0})
 * @param stream a body written while sent, chunked, or null
 * @param timeout the inactivity limit while the request is sent and until the reply head
 * @param follow whether the reply body is an endless stream (no limit once the head arrived)
 * @param registryAuth the {@code X-Registry-Auth} header's value, or null
 */
record Request(String method, String target, String contentType, byte[] body,
    RequestBody stream, Duration timeout, boolean follow,
    String registryAuth) {

  /** A request without {@code X-Registry-Auth}. */
  Request(String method, String target, String contentType, byte[] body, RequestBody stream,
      Duration timeout, boolean follow) {
    this(method, target, contentType, body, stream, timeout, follow, null);
  }

  /** This request with {@code X-Registry-Auth: value} (none when empty). */
  Request withRegistryAuth(java.util.Optional<String> value) {
    return new Request(method, target, contentType, body, stream, timeout, follow,
        value.orElse(null));
  }

  /** Whether it may be sent again on a new connection (its body is not consumed by sending). */
  boolean replayable() {
    return stream == null;
  }

  /** {@code METHOD target}, for messages. */
  String line() {
    return method + " " + target;
  }
}
