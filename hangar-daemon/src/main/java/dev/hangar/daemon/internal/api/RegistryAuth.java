package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.internal.Json;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code X-Registry-Auth}: base64url of Docker's {@code AuthConfig} JSON ({@code username},
 * {@code password}, {@code auth}, {@code identitytoken}, {@code registrytoken}), as moby's
 * {@code authconfig.Decode}. A value that does not decode is ignored, as dockerd ignores it
 * ("to increase compatibility with the existing API"); so is one without credentials.
 */
final class RegistryAuth {
  /** The header. */
  static final String HEADER = "X-Registry-Auth";

  private RegistryAuth() {}

  /**
   * The credentials of a request, for whatever registry it names.
   *
   * @param header the header's value, {@code ""} when absent
   * @return the source; {@link CredentialSource#NONE} (the daemon's own credentials) when the
   *     header is absent, invalid or empty
   */
  static CredentialSource of(String header) {
    return credentials(header).<CredentialSource>map(c -> registry -> Optional.of(c))
        .orElse(CredentialSource.NONE);
  }

  /** The credentials the header carries, if it carries any. */
  static Optional<Credentials> credentials(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    JsonNode n;
    try {
      String s = header.trim();
      byte[] json = s.indexOf('+') >= 0 || s.indexOf('/') >= 0
          ? Base64.getMimeDecoder().decode(s) : Base64.getUrlDecoder().decode(s);
      n = Json.MAPPER.readTree(json);
    } catch (Exception e) {
      return Optional.empty();
    }
    if (n == null || !n.isObject()) {
      return Optional.empty();
    }
    String user = text(n, "username");
    String password = text(n, "password");
    String auth = text(n, "auth");
    if (!text(n, "registrytoken").isEmpty()) {
      return Optional.of(new Credentials.RegistryToken(text(n, "registrytoken")));
    }
    if (!text(n, "identitytoken").isEmpty()) {
      return Optional.of(new Credentials.IdentityToken(text(n, "identitytoken")));
    }
    if (user.isEmpty() && !auth.isEmpty()) {
      try {
        String pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon > 0) {
          user = pair.substring(0, colon);
          password = pair.substring(colon + 1);
        }
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return user.isEmpty() ? Optional.empty()
        : Optional.of(new Credentials.Basic(user, password));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : "";
  }
}
