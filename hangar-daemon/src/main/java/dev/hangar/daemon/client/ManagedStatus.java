package dev.hangar.daemon.client;

import dev.hangar.managed.ManagedState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One managed plugin as {@code GET /hangar/v1/plugins} lists it: Docker's {@code Enabled} plus
 * Hangar's state.
 *
 * @param id the 64-hex ID
 * @param name the stored name ({@code x:latest})
 * @param enabled Docker's {@code Enabled}
 * @param state Hangar's state ({@code State}; from {@code Enabled} when the daemon sent none or
 *     one this client does not know)
 * @param failure why it last failed ({@code Failure}), if it did
 * @param socket the host path of its socket while it runs ({@code Socket}), if the daemon says
 * @param types its {@code Config.Interface.Types} ({@code Types}), e.g.
 *     {@code docker.volumedriver/1.0}
 * @param manifestDigest the digest of the image manifest it was pulled or pushed as
 *     ({@code ManifestDigest}), if any
 * @param unhealthy why its health probes fail ({@code Unhealthy}), while they do
 * @since 0.2
 */
public record ManagedStatus(String id, String name, boolean enabled, ManagedState state,
    Optional<String> failure, Optional<String> socket, List<String> types,
    Optional<String> manifestDigest, Optional<String> unhealthy) {
  public ManagedStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(socket, "socket");
    types = List.copyOf(types);
    manifestDigest = Objects.requireNonNullElse(manifestDigest, Optional.empty());
    unhealthy = Objects.requireNonNullElse(unhealthy, Optional.empty());
  }

  /** A status without health. */
  public ManagedStatus(String id, String name, boolean enabled, ManagedState state,
      Optional<String> failure, Optional<String> socket, List<String> types,
      Optional<String> manifestDigest) {
    this(id, name, enabled, state, failure, socket, types, manifestDigest, Optional.empty());
  }

  /** A status without a manifest digest. */
  public ManagedStatus(String id, String name, boolean enabled, ManagedState state,
      Optional<String> failure, Optional<String> socket, List<String> types) {
    this(id, name, enabled, state, failure, socket, types, Optional.empty(), Optional.empty());
  }
}
