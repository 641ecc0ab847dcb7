package dev.hangar.registry.internal.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * An answer: the body of an expected one, or the (capped) bytes of another.
 *
 * @param status the HTTP status
 * @param headers the headers
 * @param uri the URI that answered (after redirects)
 * @param body the body, when the handler accepted the status; else null
 * @param errorBody the capped body of an answer the handler did not accept; else empty
 * @param authorized whether credentials or a token were sent
 * @param <T> the body type
 */
public record Response<T>(int status, HttpHeaders headers, URI uri, T body, byte[] errorBody,
    boolean authorized) {
  /** Whether the handler accepted the status. */
  public boolean accepted() {
    return errorBody == null;
  }

  /** A header's first value. */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }
}
