package dev.hangar.managed.internal.runtime;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A mutable builder of {@link PluginConfig}s for tests: the fields the runtime reads. */
final class Configs {
  List<String> entrypoint = new ArrayList<>(List.of("/bin/plugin"));
  String workDir = "";
  String network = "";
  List<PluginConfig.Mount> mounts = new ArrayList<>();
  List<String> capabilities = new ArrayList<>();
  boolean allowAllDevices;
  List<PluginConfig.Device> devices = new ArrayList<>();
  String propagatedMount = "";
  boolean pidHost;
  boolean ipcHost;

  static Configs plugin() {
    return new Configs();
  }

  Configs entrypoint(String... args) {
    entrypoint = List.of(args);
    return this;
  }

  Configs shell(String script) {
    return entrypoint("/bin/sh", "-c", script);
  }

  Configs network(String type) {
    network = type;
    return this;
  }

  Configs mount(String name, String source, String destination, String... options) {
    mounts.add(new PluginConfig.Mount(name, "", List.of(), Optional.ofNullable(source),
        destination, "bind", List.of(options)));
    return this;
  }

  static PluginConfig.Device device(String name, String path) {
    return new PluginConfig.Device(name, "", List.of(), Optional.ofNullable(path));
  }

  PluginConfig build() {
    return new PluginConfig("test plugin", "", new PluginConfig.Interface(
        List.of(PluginType.parse("docker.volumedriver/1.0")), "p.sock", ""),
        entrypoint, workDir, null, new PluginConfig.Network(network), mounts, List.of(),
        null, new PluginConfig.Linux(capabilities, allowAllDevices, devices), propagatedMount,
        pidHost, ipcHost, Optional.empty());
  }
}
