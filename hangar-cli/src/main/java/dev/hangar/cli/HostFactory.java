package dev.hangar.cli;

import dev.hangar.DiscoveryDirs;
import dev.hangar.HangarRoot;
import dev.hangar.PluginHost;
import dev.hangar.exec.ExecSettings;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.ClientConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds the {@link PluginHost} a command works with, from the global options. */
final class HostFactory {
  private HostFactory() {}

  static PluginHost open(HangarCommand top) {
    return builder(top).build();
  }

  /** A builder with the global options applied, for commands that add their own. */
  static PluginHost.Builder builder(HangarCommand top) {
    DiscoveryDirs dirs = DiscoveryDirs.resolve(Optional.ofNullable(top.root), top.socketDirs,
        top.specDirs, top.dockerDirs, top.context().env());
    ClientConfig config = ClientConfig.DEFAULT;
    PluginHost.Builder b = PluginHost.builder().dirs(dirs).pluginDirs(pluginDirs(top))
        .execDirs(execDirs(top))
        .installed(HangarRoot.resolve(Optional.ofNullable(top.root), top.context().env()));
    if (top.execProcessGroups) {
      b.execSettings(ExecSettings.DEFAULTS.withProcessGroups(true));
    }
    if (top.initTimeout != null) {
      b.initTimeout(top.initTimeout);
    }
    if (top.timeout != null) {
      config = config.withCallTimeout(top.timeout);
      b.activationTimeout(top.timeout);
    }
    if (top.retry != null) {
      config = config.withBackoff(new Backoff(top.retry));
    }
    return b.clientConfig(config);
  }

  /** Every {@code --exec-dir}, else {@code <root>/exec}. */
  static List<Path> execDirs(HangarCommand top) {
    if (!top.execDirs.isEmpty()) {
      return top.execDirs;
    }
    return List.of(HangarRoot.resolve(Optional.ofNullable(top.root), top.context().env())
        .resolve("exec"));
  }

  /** Every {@code --plugin-dir}, else {@code <root>/plugins}. */
  static List<Path> pluginDirs(HangarCommand top) {
    if (!top.pluginDirs.isEmpty()) {
      return top.pluginDirs;
    }
    return List.of(HangarRoot.resolve(Optional.ofNullable(top.root), top.context().env())
        .resolve("plugins"));
  }
}
