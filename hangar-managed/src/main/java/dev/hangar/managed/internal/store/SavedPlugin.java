package dev.hangar.managed.internal.store;

import dev.hangar.managed.ManagedState;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code <root>/managed/<id>/config.json} holds: moby's {@code v2.Plugin} (the Plugin object
 * and its rootfs) plus Hangar's state. Only {@link ManagedState#DISABLED} (with {@code enabled}
 * telling whether a start brings it back) and {@link ManagedState#FAILED} are ever saved.
 *
 * @param id the ID
 * @param name the stored name
 * @param enabled whether the plugin is to run (restarted by the next owner)
 * @param failed whether it stopped as {@code failed}
 * @param failure why, when failed
 * @param config the config
 * @param settings the settings
 * @param pluginReference the reference
 * @param image the blobs of its image, when it came from one or was pushed
 */
public record SavedPlugin(String id, String name, boolean enabled, boolean failed,
    Optional<String> failure, PluginConfig config, PluginSettings settings,
    String pluginReference, Optional<ImageDigests> image) {
  public SavedPlugin {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    failure = Objects.requireNonNullElse(failure, Optional.empty());
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(settings, "settings");
    pluginReference = Objects.requireNonNullElse(pluginReference, "");
    image = Objects.requireNonNullElse(image, Optional.empty());
  }

  /** A plugin that came from no image (created from a package). */
  public SavedPlugin(String id, String name, boolean enabled, boolean failed,
      Optional<String> failure, PluginConfig config, PluginSettings settings,
      String pluginReference) {
    this(id, name, enabled, failed, failure, config, settings, pluginReference, Optional.empty());
  }

  /** This plugin with its image's blobs (after a push built them, or an upgrade). */
  public SavedPlugin withImage(Optional<ImageDigests> i) {
    return new SavedPlugin(id, name, enabled, failed, failure, config, settings,
        pluginReference, i);
  }

  /** This plugin with another reference. */
  public SavedPlugin withReference(String ref) {
    return new SavedPlugin(id, name, enabled, failed, failure, config, settings, ref, image);
  }

  /** This plugin meant to run, or not (a failure cleared either way). */
  public SavedPlugin withEnabled(boolean e) {
    return new SavedPlugin(id, name, e, false, Optional.empty(), config, settings,
        pluginReference, image);
  }

  /** This plugin stopped as failed for {@code reason}. */
  public SavedPlugin asFailed(String reason) {
    return new SavedPlugin(id, name, false, true, Optional.of(reason), config, settings,
        pluginReference, image);
  }

  /** This plugin with other config and settings. */
  public SavedPlugin withSettings(PluginConfig c, PluginSettings s) {
    return new SavedPlugin(id, name, enabled, failed, failure, c, s, pluginReference, image);
  }
}
