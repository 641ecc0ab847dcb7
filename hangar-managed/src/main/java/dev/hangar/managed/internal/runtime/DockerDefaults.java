package dev.hangar.managed.internal.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * moby's {@code oci.DefaultLinuxSpec} as an OCI {@code config.json} tree: Docker's default
 * capabilities, namespaces, mounts, masked and read-only paths and device cgroup rules. Docker's
 * newest default also has a time namespace; runc 1.1 does not know it, so it is left out.
 */
final class DockerDefaults {
  /** The OCI version runc 1.1.5 writes and accepts. */
  static final String OCI_VERSION = "1.0.2-dev";

  /** Docker's default {@code PATH} ({@code oci.DefaultPathEnv} on Linux). */
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Docker's default capability set ({@code caps.DefaultCapabilities}), in its order. */
  static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
      "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP",
      "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

  /** The namespaces of the default spec, in its order. */
  static final List<String> NAMESPACES = List.of("mount", "network", "uts", "pid", "ipc");

  static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound",
      "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/sched_debug",
      "/proc/scsi", "/proc/timer_list", "/proc/timer_stats", "/sys/devices/virtual/powercap",
      "/sys/firmware");

  static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq",
      "/proc/sys", "/proc/sysrq-trigger");

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private DockerDefaults() {}

  /** A fresh default spec tree; {@code process} has only the user and the capabilities. */
  static ObjectNode spec() {
    ObjectNode s = F.objectNode();
    s.put("ociVersion", OCI_VERSION);
    ObjectNode process = s.putObject("process");
    process.put("terminal", false);
    process.putObject("user").put("uid", 0).put("gid", 0);
    ObjectNode caps = process.putObject("capabilities");
    for (String set : List.of("bounding", "effective", "inheritable", "permitted")) {
      caps.set(set, set.equals("inheritable") ? F.arrayNode() : strings(CAPABILITIES));
    }
    s.putObject("root");
    ArrayNode mounts = s.putArray("mounts");
    mounts.add(mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"));
    mounts.add(mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755",
        "size=65536k"));
    mounts.add(mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance",
        "ptmxmode=0666", "mode=0620", "gid=5"));
    mounts.add(mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"));
    mounts.add(mount("/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev"));
    mounts.add(mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"));
    mounts.add(mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777"));
    ObjectNode linux = s.putObject("linux");
    ArrayNode rules = linux.putObject("resources").putArray("devices");
    rules.add(F.objectNode().put("allow", false).put("access", "rwm"));
    int[][] allowed = {{1, 5}, {1, 3}, {1, 9}, {1, 8}, {5, 0}, {5, 1}};
    for (int[] d : allowed) {
      rules.add(deviceRule(true, "c", d[0], d[1], "rwm"));
    }
    rules.add(deviceRule(false, "c", 10, 229, "rwm"));
    ArrayNode ns = linux.putArray("namespaces");
    NAMESPACES.forEach(n -> ns.add(F.objectNode().put("type", n)));
    linux.putArray("devices");
    linux.set("maskedPaths", strings(maskedPaths()));
    linux.set("readonlyPaths", strings(READONLY_PATHS));
    return s;
  }

  /** A mount entry. */
  static ObjectNode mount(String destination, String type, String source, String... options) {
    return mount(destination, type, source, List.of(options));
  }

  /** A mount entry. */
  static ObjectNode mount(String destination, String type, String source, List<String> options) {
    ObjectNode m = F.objectNode();
    m.put("destination", destination);
    m.put("type", type);
    m.put("source", source);
    m.set("options", strings(options));
    return m;
  }

  /** A {@code linux.resources.devices} rule. */
  static ObjectNode deviceRule(boolean allow, String type, long major, long minor,
      String access) {
    return F.objectNode().put("allow", allow).put("type", type).put("major", major)
        .put("minor", minor).put("access", access);
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = F.arrayNode();
    values.forEach(a::add);
    return a;
  }

  /**
   * The masked paths: the fixed list plus each possible CPU's {@code thermal_throttle} directory
   * that exists (moby masks those too, GHSA-6fw5-f8r9-fgfm).
   */
  static List<String> maskedPaths() {
    List<String> paths = new ArrayList<>(MASKED_PATHS);
    for (int cpu : possibleCpus()) {
      String p = "/sys/devices/system/cpu/cpu" + cpu + "/thermal_throttle";
      if (Files.exists(Path.of(p))) {
        paths.add(p);
      }
    }
    return paths;
  }

  /** The CPUs in {@code /sys/devices/system/cpu/possible} ({@code 0-3,5}); none if unreadable. */
  private static List<Integer> possibleCpus() {
    List<Integer> cpus = new ArrayList<>();
    try {
      String text = Files.readString(Path.of("/sys/devices/system/cpu/possible")).trim();
      for (String part : text.split(",")) {
        String[] range = part.split("-");
        int from = Integer.parseInt(range[0].trim());
        int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
        for (int c = from; c <= to && c - from < 4096; c++) {
          cpus.add(c);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return List.of();
    }
    return cpus;
  }
}
