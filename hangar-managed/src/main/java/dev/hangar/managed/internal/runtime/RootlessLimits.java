package dev.hangar.managed.internal.runtime;

import dev.hangar.managed.PluginConfig;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The privileges (Docker's {@code computePrivileges} names) that a runtime without privileges
 * cannot give, refused rather than dropped: a plugin granted one must never run without it.
 *
 * <ul>
 *   <li>{@code allow-all-devices}: rootless runc has no device cgroup to open, and a user
 *       namespace cannot create device nodes;
 *   <li>{@code capabilities} beyond Docker's default set: they would hold only inside the
 *       plugin's user namespace, never over the host's resources, which is what a user grants;
 *   <li>{@code device}: a rootless plugin gets the host's node bound in, so it can use it only
 *       when the daemon's user can read and write that node.
 * </ul>
 *
 * <p>What rootless runc does give is not refused: {@code network} {@code host} (no network
 * namespace), {@code host pid namespace} and {@code host ipc namespace} (as {@code RootlessSpec}
 * converts them), and {@code mount}s, which fail at start naming the source when the daemon's
 * user cannot reach it.
 */
final class RootlessLimits {
  private RootlessLimits() {}

  /**
   * Refuses what the config asks for that no rootless runtime can give.
   *
   * @throws HangarException PLUGIN_START_FAILED naming the privilege
   */
  static void refuseConfig(PluginConfig c) {
    if (c.linux().allowAllDevices()) {
      throw refused("allow-all-devices", "", "without root there is no device cgroup to open "
          + "and no device node can be created");
    }
    List<String> extra = c.linux().capabilities().stream()
        .filter(cap -> !DockerDefaults.CAPABILITIES.contains(cap)).toList();
    if (!extra.isEmpty()) {
      throw refused("capabilities", extra.toString(), "capabilities would hold only inside the "
          + "plugin's user namespace, not on the host");
    }
  }

  /**
   * Refuses a device whose host nodes are not all {@code usable} (readable and writable by this
   * process's user).
   *
   * @param name the device's name in the config
   * @param found its nodes on the host
   * @throws HangarException PLUGIN_START_FAILED naming the privilege, the device and the node
   */
  static void refuseDevice(String name, List<HostDevices.Found> found, Predicate<Path> usable) {
    for (HostDevices.Found f : found) {
      if (!usable.test(f.host())) {
        throw refused("device", f.host().toString(), "uid " + HostIds.euid()
            + " cannot read and write it, and a rootless plugin uses the host's node as that"
            + " user (device " + name + ")");
      }
    }
  }

  private static HangarException refused(String privilege, String value, String why) {
    return new HangarException(ErrorCode.PLUGIN_START_FAILED, "a rootless daemon cannot grant "
        + "the privilege " + privilege + (value.isEmpty() ? "" : " " + value) + ": " + why
        + " (run the daemon as root to grant it)");
  }
}
