package dev.hangar.registry.internal.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Objects;

/**
 * A request to send, possibly more than once (after a 401, along a redirect): its body is made
 * afresh for every attempt.
 *
 * @param method the HTTP method
 * @param uri the absolute URI
 * @param headers extra headers
 * @param body makes the body for one attempt, or null for none
 */
public record Request(String method, URI uri, Map<String, String> headers, Body body) {
  /** Makes a request body for one attempt. */
  @FunctionalInterface
  public interface Body {
    /**
     * @param activity to touch as bytes go (wrap with {@link CountingPublisher})
     * @return the body
     */
    HttpRequest.BodyPublisher open(Activity activity);
  }

  /**
   * @param method the method
   * @param uri the URI
   * @param headers the headers
   * @param body the body, or null
   */
  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
  }

  /** A request without a body. */
  public static Request of(String method, URI uri, Map<String, String> headers) {
    return new Request(method, uri, headers, null);
  }

  /** The same request to another URI (a redirect target). */
  Request to(URI target) {
    return new Request(method, target, headers, body);
  }
}
