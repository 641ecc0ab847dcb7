package dev.hangar.cli;

import dev.hangar.daemon.client.RegistryAuthHeader;
import dev.hangar.managed.internal.ref.References;
import dev.hangar.protocol.HangarException;
import java.util.Optional;

/**
 * The {@code X-Registry-Auth} the CLI sends with a registry request, as the docker CLI does:
 * the credentials of the user's Docker config ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}, with its helpers) for the registry the reference names; none
 * when it has none (the daemon then uses its own).
 */
final class RegistryAuths {
  private RegistryAuths() {}

  /**
   * The header for {@code reference}'s registry.
   *
   * @throws HangarException CREDENTIALS_INVALID for a broken config or helper
   */
  static Optional<String> forReference(CliContext ctx, String reference) {
    String registry;
    try {
      registry = References.remote(reference, "").registry().registry();
    } catch (HangarException e) {
      return Optional.empty(); // the daemon says what is wrong with the name
    }
    return RegistryAuthHeader.forRegistry(UserDockerConfig.of(ctx), registry);
  }
}
