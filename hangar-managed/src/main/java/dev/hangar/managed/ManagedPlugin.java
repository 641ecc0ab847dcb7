package dev.hangar.managed;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one managed plugin: Docker's {@code Plugin} object plus Hangar's state.
 *
 * @param id 64 lower-case hex characters
 * @param name the stored name, always tagged ({@code vieux/sshfs:latest})
 * @param enabled {@code Enabled} as Docker reports it: true while the plugin is meant to run
 *     ({@link ManagedState#ENABLED} or {@link ManagedState#RESTARTING})
 * @param state the state
 * @param config the plugin's config
 * @param settings the plugin's settings
 * @param pluginReference {@code PluginReference} (the local name for created plugins)
 * @param socket the host path of its socket while it runs
 * @param failure why it last failed (for {@link ManagedState#FAILED}), with its output's tail
 * @param privileges the privileges it asks for, in Docker's order
 * @param manifestDigest the digest of the image manifest it was pulled as (or last pushed as),
 *     {@code sha256:…}; empty for a plugin created from a package and never pushed. Not part of
 *     Docker's Plugin object: Hangar's own inspect shows it
 * @param unhealthy why its last health probe failed, while it fails them ({@link HealthCheck});
 *     empty when it answers, or is not probed
 * @since 0.2
 */
public record ManagedPlugin(String id, String name, boolean enabled, ManagedState state,
    PluginConfig config, PluginSettings settings, String pluginReference,
    Optional<Path> socket, Optional<String> failure, List<Privilege> privileges,
    Optional<String> manifestDigest, Optional<String> unhealthy) {
  public ManagedPlugin {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(settings, "settings");
    pluginReference = Objects.requireNonNullElse(pluginReference, "");
    socket = Objects.requireNonNullElse(socket, Optional.empty());
    failure = Objects.requireNonNullElse(failure, Optional.empty());
    privileges = List.copyOf(privileges);
    manifestDigest = Objects.requireNonNullElse(manifestDigest, Optional.empty());
    unhealthy = Objects.requireNonNullElse(unhealthy, Optional.empty());
  }

  /** A plugin of which no health is known. */
  public ManagedPlugin(String id, String name, boolean enabled, ManagedState state,
      PluginConfig config, PluginSettings settings, String pluginReference,
      Optional<Path> socket, Optional<String> failure, List<Privilege> privileges,
      Optional<String> manifestDigest) {
    this(id, name, enabled, state, config, settings, pluginReference, socket, failure,
        privileges, manifestDigest, Optional.empty());
  }

  /** A plugin that came from no image. */
  public ManagedPlugin(String id, String name, boolean enabled, ManagedState state,
      PluginConfig config, PluginSettings settings, String pluginReference,
      Optional<Path> socket, Optional<String> failure, List<Privilege> privileges) {
    this(id, name, enabled, state, config, settings, pluginReference, socket, failure,
        privileges, Optional.empty(), Optional.empty());
  }

  /** Its kind: a Docker plugin, or a JAR or exec plugin installed from Hangar's artifacts. */
  public PluginKind kind() {
    return PluginKind.of(config);
  }

  /** Whether it declares {@code capability} (lower-cased, prefix {@code docker}, any version). */
  public boolean hasCapability(String capability) {
    String want = capability.toLowerCase(java.util.Locale.ROOT);
    return config.iface().types().stream()
        .anyMatch(t -> t.prefix().equals("docker") && t.capability().equals(want));
  }
}
