package dev.hangar.managed;

import java.util.List;
import java.util.Objects;

/**
 * A managed plugin's {@code Settings}, as moby keeps them: the mounts and devices (copies of the
 * config's at create time), the environment as {@code NAME=value} strings, the arguments.
 *
 * @param mounts {@code Settings.Mounts}
 * @param env {@code Settings.Env}
 * @param args {@code Settings.Args}
 * @param devices {@code Settings.Devices}
 * @since 0.2
 */
public record PluginSettings(List<PluginConfig.Mount> mounts, List<String> env,
    List<String> args, List<PluginConfig.Device> devices) {
  public PluginSettings {
    mounts = List.copyOf(Objects.requireNonNullElse(mounts, List.of()));
    env = List.copyOf(Objects.requireNonNullElse(env, List.of()));
    args = List.copyOf(Objects.requireNonNullElse(args, List.of()));
    devices = List.copyOf(Objects.requireNonNullElse(devices, List.of()));
  }

  /**
   * moby's {@code InitEmptySettings}: the config's mounts and devices, {@code NAME=value} for
   * every env entry with a value, the config's args.
   */
  public static PluginSettings initial(PluginConfig c) {
    List<String> env = c.env().stream()
        .filter(e -> e.value().isPresent())
        .map(e -> e.name() + "=" + e.value().get())
        .toList();
    return new PluginSettings(c.mounts(), env, c.args().value(), c.linux().devices());
  }
}
