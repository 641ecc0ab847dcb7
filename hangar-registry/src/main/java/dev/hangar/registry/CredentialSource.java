package dev.hangar.registry;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the client finds credentials for a registry. {@link DockerConfig} reads Docker's config
 * file and helpers; {@link #of} serves credentials a caller was given (the daemon's
 * {@code X-Registry-Auth}).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface CredentialSource {
  /** No credentials for any registry: anonymous access. */
  CredentialSource NONE = registry -> Optional.empty();

  /**
   * The credentials for a registry.
   *
   * @param registry the registry as written in references ({@code docker.io},
   *     {@code 127.0.0.1:5000})
   * @return the credentials, or empty for anonymous access
   * @throws dev.hangar.protocol.HangarException (CREDENTIALS_INVALID) when the source is broken
   */
  Optional<Credentials> lookup(String registry);

  /**
   * Fixed credentials per registry.
   *
   * @param byRegistry credentials keyed by registry host
   * @return the source
   */
  static CredentialSource of(Map<String, Credentials> byRegistry) {
    Map<String, Credentials> copy = Map.copyOf(byRegistry);
    return registry -> Optional.ofNullable(copy.get(registry));
  }

  /**
   * Credentials for one registry.
   *
   * @param registry the registry host
   * @param credentials its credentials
   * @return the source
   */
  static CredentialSource of(String registry, Credentials credentials) {
    return of(Map.of(registry, credentials));
  }

  /**
   * This source, then {@code other} where this one has nothing.
   *
   * @param other the fallback
   * @return the combined source
   */
  default CredentialSource orElse(CredentialSource other) {
    Objects.requireNonNull(other, "other");
    return registry -> {
      Optional<Credentials> c = lookup(registry);
      return c.isPresent() ? c : other.lookup(registry);
    };
  }
}
