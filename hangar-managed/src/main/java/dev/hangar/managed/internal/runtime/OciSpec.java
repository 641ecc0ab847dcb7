package dev.hangar.managed.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The OCI runtime spec ({@code config.json}) Docker gives a managed plugin: moby's
 * {@code Plugin.InitSpec} over {@code oci.DefaultSpec}.
 */
public final class OciSpec {
  /** Where the plugin's runtime dir (its socket) is bound inside. */
  public static final String PLUGIN_RUNTIME_DESTINATION = "/run/docker/plugins";

  private OciSpec() {}

  /**
   * Builds the spec.
   *
   * <p>From Docker's default spec ({@code DockerDefaults}: capabilities, namespaces mount,
   * network, uts, pid and ipc, default mounts, masked and read-only paths, device rules):
   *
   * <ul>
   *   <li>the root is {@code rootfs}, read-write;
   *   <li>with {@code PropagatedMount}, {@code propagatedMountDir} is bound there ({@code rbind,
   *       rw, rshared}) and the rootfs propagation is {@code rshared};
   *   <li>then {@code Config.Mounts} with their {@code Source}, then {@code pluginRuntimeDir} at
   *       {@value #PLUGIN_RUNTIME_DESTINATION} ({@code rbind, rshared}), then, when
   *       {@code Network.Type} is set, the host's {@code /etc/hosts} and
   *       {@code /etc/resolv.conf} read-only; a default mount under {@code /dev/} that a
   *       settings mount replaces is dropped (what moby's loop means to do);
   *   <li>no network namespace when {@code Network.Type} is {@code host}; no PID or IPC one with
   *       {@code PidHost} or {@code IpcHost};
   *   <li>{@code AllowAllDevices} replaces the device rules by {@code rwm} on all;
   *       {@code Settings.Devices} are added with their host node's type, numbers, mode and
   *       owner, and a rule granting {@code rwm};
   *   <li>env {@code PATH=}Docker's default, then {@code Settings.Env}; args
   *       {@code Entrypoint + Settings.Args}; cwd {@code WorkDir} or {@code /}; no terminal;
   *   <li>{@code Linux.Capabilities} appended to the bounding, permitted, inheritable and
   *       effective sets;
   *   <li>with {@code rootless}, converted as {@code RootlessSpec} says, after refusing what
   *       {@code RootlessLimits} says a rootless runtime cannot give.
   * </ul>
   *
   * @param c the plugin's config
   * @param s the plugin's settings
   * @param rootfs the plugin's root filesystem on the host
   * @param pluginRuntimeDir the host dir holding the plugin's socket
   * @param propagatedMountDir the host dir for {@code PropagatedMount}; required when that is set,
   *     ignored otherwise
   * @param rootless whether the runtime runs without privileges
   * @return the whole {@code config.json} tree
   * @throws HangarException PLUGIN_START_FAILED when a config mount has no source or a device no
   *     path or no device node; with {@code rootless}, when the plugin asks for a privilege a
   *     rootless runtime cannot give ({@code allow-all-devices}, capabilities beyond Docker's
   *     defaults, a device this process's user cannot read and write)
   * @throws IllegalArgumentException when {@code PropagatedMount} is set and
   *     {@code propagatedMountDir} is not given
   */
  public static ObjectNode build(PluginConfig c, PluginSettings s, Path rootfs,
      Path pluginRuntimeDir, Optional<Path> propagatedMountDir, boolean rootless) {
    return build(c, s, rootfs, pluginRuntimeDir, propagatedMountDir,
        rootless ? Optional.<Predicate<Path>>of(OciSpec::readableAndWritable) : Optional.empty());
  }

  /**
   * {@link #build(PluginConfig, PluginSettings, Path, Path, Optional, boolean)}, rootless when
   * {@code rootlessDeviceAccess} is given: it says whether this process's user can use a host
   * device node (for tests).
   */
  static ObjectNode build(PluginConfig c, PluginSettings s, Path rootfs, Path pluginRuntimeDir,
      Optional<Path> propagatedMountDir, Optional<Predicate<Path>> rootlessDeviceAccess) {
    boolean rootless = rootlessDeviceAccess.isPresent();
    if (rootless) {
      RootlessLimits.refuseConfig(c);
    }
    ObjectNode spec = DockerDefaults.spec();
    ((ObjectNode) spec.get("root")).put("path", rootfs.toAbsolutePath().toString())
        .put("readonly", false);
    ArrayNode mounts = (ArrayNode) spec.get("mounts");
    ObjectNode linux = (ObjectNode) spec.get("linux");
    int defaults = mounts.size();

    if (!c.propagatedMount().isEmpty()) {
      Path dir = propagatedMountDir.orElseThrow(() -> new IllegalArgumentException(
          "PropagatedMount " + c.propagatedMount() + " needs a propagated-mount directory"));
      mounts.add(DockerDefaults.mount(c.propagatedMount(), "bind", dir.toString(),
          "rbind", "rw", "rshared"));
      linux.put("rootfsPropagation", "rshared");
    }
    for (PluginConfig.Mount m : c.mounts()) {
      String source = m.source().orElseThrow(() -> new HangarException(
          ErrorCode.PLUGIN_START_FAILED, "mount " + describe(m) + " has no source"));
      mounts.add(DockerDefaults.mount(m.destination(), m.type(), source, m.options()));
    }
    mounts.add(DockerDefaults.mount(PLUGIN_RUNTIME_DESTINATION, "bind",
        pluginRuntimeDir.toAbsolutePath().toString(), "rbind", "rshared"));
    String network = c.network().type();
    if (!network.isEmpty()) {
      for (String file : List.of("/etc/hosts", "/etc/resolv.conf")) {
        mounts.add(DockerDefaults.mount(file, "bind", file, "rbind", "ro"));
      }
    }
    dropReplacedDevMounts(mounts, defaults, s);

    ArrayNode namespaces = (ArrayNode) linux.get("namespaces");
    if (network.equals("host")) {
      removeNamespace(namespaces, "network");
    }
    if (c.pidHost()) {
      removeNamespace(namespaces, "pid");
    }
    if (c.ipcHost()) {
      removeNamespace(namespaces, "ipc");
    }
    addDevices(c, s, linux, rootlessDeviceAccess);

    ObjectNode process = (ObjectNode) spec.get("process");
    List<String> env = new ArrayList<>();
    env.add("PATH=" + DockerDefaults.PATH);
    env.addAll(s.env());
    List<String> args = new ArrayList<>(c.entrypoint());
    args.addAll(s.args());
    process.put("terminal", false);
    process.set("args", DockerDefaults.strings(args));
    process.set("env", DockerDefaults.strings(env));
    process.put("cwd", c.workDir().isEmpty() ? "/" : c.workDir());
    ObjectNode caps = (ObjectNode) process.get("capabilities");
    for (String set : List.of("bounding", "permitted", "inheritable", "effective")) {
      c.linux().capabilities().forEach(((ArrayNode) caps.get(set))::add);
    }
    if (rootless) {
      RootlessSpec.convert(spec, HostIds.euid(), HostIds.egid());
    }
    return spec;
  }

  /** Drops each default mount under {@code /dev/} whose destination a settings mount takes. */
  private static void dropReplacedDevMounts(ArrayNode mounts, int defaults, PluginSettings s) {
    Set<String> taken = new HashSet<>();
    s.mounts().forEach(m -> taken.add(m.destination()));
    for (int i = defaults - 1; i >= 0; i--) {
      String dest = mounts.get(i).path("destination").asText();
      if (dest.startsWith("/dev/") && taken.contains(dest)) {
        mounts.remove(i);
      }
    }
  }

  private static void addDevices(PluginConfig c, PluginSettings s, ObjectNode linux,
      Optional<Predicate<Path>> rootlessAccess) {
    ArrayNode rules = (ArrayNode) linux.path("resources").path("devices");
    if (c.linux().allowAllDevices()) {
      rules.removeAll();
      rules.add(rules.objectNode().put("allow", true).put("access", "rwm"));
    }
    ArrayNode devices = (ArrayNode) linux.get("devices");
    for (PluginConfig.Device d : s.devices()) {
      String path = d.path().filter(p -> !p.isEmpty()).orElseThrow(() -> new HangarException(
          ErrorCode.PLUGIN_START_FAILED, "device " + d.name() + " has no path"));
      List<HostDevices.Found> found;
      try {
        found = HostDevices.fromPath(Path.of(path), path, "rwm");
      } catch (IOException e) {
        throw new HangarException(ErrorCode.PLUGIN_START_FAILED, "device " + d.name()
            + ": cannot read " + path + ": " + e, e);
      }
      if (found.isEmpty()) {
        throw new HangarException(ErrorCode.PLUGIN_START_FAILED, "device " + d.name() + ": "
            + path + " is not a device node, nor a directory holding any");
      }
      if (rootlessAccess.isPresent()) {
        RootlessLimits.refuseDevice(d.name(), found, rootlessAccess.get());
      }
      for (HostDevices.Found f : found) {
        devices.add(f.device());
        rules.add(f.rule());
      }
    }
  }

  /** Whether this process's user may read and write {@code node} (access(2), as open would). */
  private static boolean readableAndWritable(Path node) {
    return Files.isReadable(node) && Files.isWritable(node);
  }

  private static void removeNamespace(ArrayNode namespaces, String type) {
    for (int i = 0; i < namespaces.size(); i++) {
      JsonNode n = namespaces.get(i);
      if (n.path("type").asText().equals(type)) {
        namespaces.remove(i);
        return;
      }
    }
  }

  private static String describe(PluginConfig.Mount m) {
    return (m.name().isEmpty() ? "" : m.name() + " ") + "(destination " + m.destination() + ")";
  }
}
