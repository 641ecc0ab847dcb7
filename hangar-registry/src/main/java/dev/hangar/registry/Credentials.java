package dev.hangar.registry;

import java.util.Objects;

/**
 * What a client presents to a registry: the three forms of Docker's {@code AuthConfig}
 * ({@code X-Registry-Auth}, {@code config.json}, credential helpers).
 *
 * @since 0.1
 */
public sealed interface Credentials {
  /**
   * A user name and password: sent as HTTP Basic to a registry that asks for it, or to its token
   * endpoint.
   *
   * @param username the user
   * @param password the password
   */
  record Basic(String username, String password) implements Credentials {
    /**
     * @param username the user
     * @param password the password
     */
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Basic[" + username + ", ****]";
    }
  }

  /**
   * An OAuth2 refresh token ({@code identitytoken}), exchanged at the token endpoint.
   *
   * @param token the refresh token
   */
  record IdentityToken(String token) implements Credentials {
    /**
     * @param token the refresh token
     */
    public IdentityToken {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "IdentityToken[****]";
    }
  }

  /**
   * A bearer token to send as it is ({@code registrytoken}).
   *
   * @param token the token
   */
  record RegistryToken(String token) implements Credentials {
    /**
     * @param token the token
     */
    public RegistryToken {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "RegistryToken[****]";
    }
  }
}
