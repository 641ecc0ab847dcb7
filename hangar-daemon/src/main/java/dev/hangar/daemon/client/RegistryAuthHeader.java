package dev.hangar.daemon.client;

import dev.hangar.protocol.internal.Json;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code X-Registry-Auth} as the docker CLI sends it: base64url of Docker's {@code AuthConfig}
 * JSON ({@code username} and {@code password}, or {@code identitytoken}, or
 * {@code registrytoken}), with the credentials a client has for the registry a request names.
 *
 * @since 0.3
 */
public final class RegistryAuthHeader {
  private RegistryAuthHeader() {}

  /** The header's value for {@code c}. */
  public static String encode(Credentials c) {
    var o = Json.MAPPER.createObjectNode();
    switch (c) {
      case Credentials.Basic b -> o.put("username", b.username()).put("password", b.password());
      case Credentials.IdentityToken t -> o.put("identitytoken", t.token());
      case Credentials.RegistryToken t -> o.put("registrytoken", t.token());
    }
    return Base64.getUrlEncoder().encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The header for {@code registry} from {@code source}; empty when it has no credentials.
   *
   * @param registry the registry as written in references ({@code 127.0.0.1:5000})
   */
  public static Optional<String> forRegistry(CredentialSource source, String registry) {
    return source.lookup(registry).map(RegistryAuthHeader::encode);
  }
}
