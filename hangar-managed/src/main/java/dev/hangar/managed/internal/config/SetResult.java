package dev.hangar.managed.internal.config;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import java.util.Objects;

/**
 * What {@link Settable#apply} makes of a plugin's config and settings.
 *
 * @param config the config, with set mount sources and device paths
 * @param settings the settings, with set env, args, mount sources and device paths
 */
public record SetResult(PluginConfig config, PluginSettings settings) {
  public SetResult {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(settings, "settings");
  }
}
