package dev.hangar.managed.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a spec for a runtime without privileges, as {@code runc spec --rootless} differs from
 * {@code runc spec} (runc's {@code specconv.ToRootless}), with the fix-ups moby's rootless
 * {@code specconv} adds for host namespaces:
 *
 * <ul>
 *   <li>a user namespace, the current euid and egid mapped to 0 (size 1);
 *   <li>{@code /sys} bound from the host ({@code rbind}, read-only) instead of a new sysfs, which
 *       needs the network namespace's owner;
 *   <li>{@code uid=}/{@code gid=} options dropped from every mount (only uid 0 is mapped);
 *   <li>no {@code linux.resources}: cgroup limits and device rules need privileges;
 *   <li>with the host's PID namespace, {@code /proc} bound from the host; with the host's IPC
 *       namespace, {@code /dev/mqueue} and {@code /dev/shm} bound from the host (left out when
 *       the host has none).
 * </ul>
 *
 * <p>Unlike {@code runc spec --rootless}, the network namespace is kept (unless the plugin asked
 * for the host's): a user namespace owns a network namespace of its own without privileges, and
 * Docker isolates a plugin's network unless {@code Network.Type} is {@code host}.
 */
final class RootlessSpec {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private RootlessSpec() {}

  /** Converts {@code spec} in place for uid {@code uid} and gid {@code gid}. */
  static void convert(ObjectNode spec, long uid, long gid) {
    ObjectNode linux = (ObjectNode) spec.get("linux");
    ArrayNode namespaces = (ArrayNode) linux.get("namespaces");
    boolean pidHost = !hasNamespace(namespaces, "pid");
    boolean ipcHost = !hasNamespace(namespaces, "ipc");
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      if (namespaces.get(i).path("type").asText().equals("user")) {
        namespaces.remove(i);
      }
    }
    namespaces.add(F.objectNode().put("type", "user"));
    linux.set("uidMappings", F.arrayNode().add(mapping(uid)));
    linux.set("gidMappings", F.arrayNode().add(mapping(gid)));
    linux.remove("resources");

    ArrayNode mounts = (ArrayNode) spec.get("mounts");
    for (int i = mounts.size() - 1; i >= 0; i--) {
      ObjectNode m = (ObjectNode) mounts.get(i);
      String dest = m.path("destination").asText();
      if (dest.equals("/sys")) {
        mounts.set(i, hostBind("/sys", "ro"));
      } else if (pidHost && dest.equals("/proc")) {
        mounts.set(i, hostBind("/proc"));
      } else if (ipcHost && (dest.equals("/dev/mqueue") || dest.equals("/dev/shm"))) {
        if (Files.isDirectory(Path.of(dest))) {
          mounts.set(i, hostBind(dest));
        } else {
          mounts.remove(i); // the host has none to share, and a new one needs privileges
        }
      } else if (m.get("options") instanceof ArrayNode options) {
        List<String> kept = new ArrayList<>();
        options.forEach(o -> {
          if (!o.asText().startsWith("uid=") && !o.asText().startsWith("gid=")) {
            kept.add(o.asText());
          }
        });
        m.set("options", DockerDefaults.strings(kept));
      }
    }
  }

  private static boolean hasNamespace(ArrayNode namespaces, String type) {
    for (JsonNode n : namespaces) {
      if (n.path("type").asText().equals(type)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode mapping(long hostId) {
    return F.objectNode().put("containerID", 0).put("hostID", hostId).put("size", 1);
  }

  /** The host's {@code path} bound at the same place, as runc's rootless {@code /sys}. */
  private static ObjectNode hostBind(String path, String... extra) {
    List<String> options = new ArrayList<>(List.of("rbind", "nosuid", "noexec", "nodev"));
    options.addAll(List.of(extra));
    return DockerDefaults.mount(path, "none", path, options);
  }
}
