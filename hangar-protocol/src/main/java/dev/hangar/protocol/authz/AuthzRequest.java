package dev.hangar.protocol.authz;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of both authz methods, as Docker's {@code authorization.Request}. Every field is left
 * out when empty (Go's {@code omitempty}); the response fields are set for
 * {@code AuthZPlugin.AuthZRes} only.
 *
 * <p>Bodies are raw bytes, base64 in JSON. Docker includes a body only when its Content-Type is
 * {@code application/json}. Peer certificates are the bytes of PEM text ({@code -----BEGIN
 * CERTIFICATE-----...}), so base64 of PEM on the wire. Header maps hold one value per name.
 *
 * <p>Null arguments become {@code ""}, {@code 0} or empty. Arrays are not copied.
 *
 * @param user the user, the CN of the client certificate for TLS clients
 * @param userAuthNMethod how the user was authenticated, {@code TLS}
 * @param requestMethod the HTTP method, e.g. {@code POST}
 * @param requestUri the request URI with its query, e.g. {@code /v1.47/containers/create?name=x}
 * @param requestBody the request body
 * @param requestHeaders the request headers, one value each
 * @param requestPeerCertificates the client's certificates, each as PEM text
 * @param responseStatusCode the response status (AuthZRes only)
 * @param responseBody the response body (AuthZRes only)
 * @param responseHeaders the response headers (AuthZRes only)
 * @since 0.1
 */
public record AuthzRequest(
    @JsonProperty("User") @JsonInclude(Include.NON_EMPTY) String user,
    @JsonProperty("UserAuthNMethod") @JsonInclude(Include.NON_EMPTY) String userAuthNMethod,
    @JsonProperty("RequestMethod") @JsonInclude(Include.NON_EMPTY) String requestMethod,
    @JsonProperty("RequestUri") @JsonInclude(Include.NON_EMPTY) String requestUri,
    @JsonProperty("RequestBody") @JsonInclude(Include.NON_EMPTY) byte[] requestBody,
    @JsonProperty("RequestHeaders") @JsonInclude(Include.NON_EMPTY)
        Map<String, String> requestHeaders,
    @JsonProperty("RequestPeerCertificates") @JsonInclude(Include.NON_EMPTY)
        List<byte[]> requestPeerCertificates,
    @JsonProperty("ResponseStatusCode") @JsonInclude(Include.NON_DEFAULT) int responseStatusCode,
    @JsonProperty("ResponseBody") @JsonInclude(Include.NON_EMPTY) byte[] responseBody,
    @JsonProperty("ResponseHeaders") @JsonInclude(Include.NON_EMPTY)
        Map<String, String> responseHeaders) {

  private static final byte[] NONE = new byte[0];

  /** Normalises absent values. */
  public AuthzRequest {
    user = orEmpty(user);
    userAuthNMethod = orEmpty(userAuthNMethod);
    requestMethod = orEmpty(requestMethod);
    requestUri = orEmpty(requestUri);
    requestBody = requestBody == null ? NONE : requestBody;
    requestHeaders = copy(requestHeaders);
    requestPeerCertificates =
        requestPeerCertificates == null ? List.of() : List.copyOf(requestPeerCertificates);
    responseBody = responseBody == null ? NONE : responseBody;
    responseHeaders = copy(responseHeaders);
  }

  /** A request-phase body ({@code AuthZPlugin.AuthZReq}) without user or certificates. */
  public static AuthzRequest ofRequest(
      String method, String uri, Map<String, String> headers, byte[] body) {
    return new AuthzRequest("", "", method, uri, body, headers, null, 0, null, null);
  }

  /** This request with the response phase's fields set ({@code AuthZPlugin.AuthZRes}). */
  public AuthzRequest withResponse(int statusCode, Map<String, String> headers, byte[] body) {
    return new AuthzRequest(user, userAuthNMethod, requestMethod, requestUri, requestBody,
        requestHeaders, requestPeerCertificates, statusCode, body, headers);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Map<String, String> copy(Map<String, String> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
