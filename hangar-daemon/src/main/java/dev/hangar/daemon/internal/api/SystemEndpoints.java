package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.PluginType;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@code /_ping}, {@code /version} and {@code /info}, in dockerd's shapes. */
final class SystemEndpoints {
  private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);
  private static final String TEXT = "text/plain; charset=utf-8";
  /** {@code docker info}'s plugin sections by the capability that fills them. */
  private static final Map<String, String> INFO_SECTIONS = new LinkedHashMap<>();

  static {
    INFO_SECTIONS.put("volumedriver", "Volume");
    INFO_SECTIONS.put("networkdriver", "Network");
    INFO_SECTIONS.put("authz", "Authorization");
    INFO_SECTIONS.put("logdriver", "Log");
  }

  private final ManagedPlugins plugins;
  private final EventHub events;
  private final ServerIdentity id;

  SystemEndpoints(ManagedPlugins plugins, EventHub events, ServerIdentity id) {
    this.plugins = plugins;
    this.events = events;
    this.id = id;
  }

  /** {@code HEAD|GET /_ping}: {@code OK}, or an empty body for HEAD; no caching. */
  void ping(Exchange ex) {
    ex.header("Cache-Control", "no-cache, no-store, must-revalidate");
    ex.header("Pragma", "no-cache");
    ex.header("Builder-Version", "");
    ex.header("Swarm", "inactive");
    if (ex.isHead()) {
      ex.bytes(200, TEXT, new byte[0]);
    } else {
      ex.bytes(200, TEXT, OK);
    }
  }

  /** {@code GET /version}: {@code types.Version}, the Engine component being Hangar. */
  void version(Exchange ex) {
    ObjectNode o = ApiJson.object();
    o.putObject("Platform").put("Name", "Hangar");
    Map<String, String> details = new TreeMap<>();
    details.put("ApiVersion", ApiVersions.CURRENT);
    details.put("Arch", id.goArch());
    details.put("BuildTime", "");
    details.put("Experimental", "false");
    details.put("GitCommit", "");
    details.put("GoVersion", goVersion());
    details.put("KernelVersion", id.kernel());
    details.put("MinAPIVersion", ApiVersions.MIN);
    details.put("Os", "linux");
    ObjectNode engine = o.putArray("Components").addObject()
        .put("Name", "Engine").put("Version", id.version());
    ObjectNode d = engine.putObject("Details");
    details.forEach(d::put);
    o.put("Version", id.version());
    o.put("ApiVersion", ApiVersions.CURRENT);
    o.put("MinAPIVersion", ApiVersions.MIN);
    o.put("GitCommit", "");
    o.put("GoVersion", goVersion());
    o.put("Os", "linux");
    o.put("Arch", id.goArch());
    o.put("KernelVersion", id.kernel());
    ex.json(200, ApiJson.encode(o));
  }

  /** The runtime's version where Docker names Go's: {@code java <version>}. */
  private static String goVersion() {
    return "java" + Runtime.version();
  }

  /**
   * {@code GET /info}: {@code types.Info} of API 1.41, enough for {@code docker info}; the
   * plugin sections list the enabled managed plugins by capability.
   */
  void info(Exchange ex) {
    ObjectNode o = ApiJson.object();
    o.put("ID", id.id());
    for (String k : new String[] {"Containers", "ContainersRunning", "ContainersPaused",
        "ContainersStopped", "Images"}) {
      o.put(k, 0);
    }
    o.put("Driver", "");
    o.putArray("DriverStatus");
    ObjectNode sections = o.putObject("Plugins");
    INFO_SECTIONS.values().forEach(sections::putArray);
    for (ManagedPlugin p : plugins.list()) {
      if (!p.enabled()) {
        continue;
      }
      for (PluginType t : p.config().iface().types()) {
        String section = t.prefix().equals("docker") ? INFO_SECTIONS.get(t.capability()) : null;
        if (section != null) {
          add((ArrayNode) sections.get(section), p.name());
        }
      }
    }
    for (String k : new String[] {"MemoryLimit", "SwapLimit", "KernelMemory", "KernelMemoryTCP",
        "CpuCfsPeriod", "CpuCfsQuota", "CPUShares", "CPUSet", "PidsLimit", "IPv4Forwarding",
        "BridgeNfIptables", "BridgeNfIp6tables", "Debug"}) {
      o.put(k, false);
    }
    o.put("NFd", 0);
    o.put("OomKillDisable", false);
    o.put("NGoroutines", Thread.activeCount());
    o.put("SystemTime", OffsetDateTime.now().toString());
    o.put("LoggingDriver", "");
    o.put("CgroupDriver", "");
    o.put("NEventsListener", events.listeners());
    o.put("KernelVersion", id.kernel());
    o.put("OperatingSystem", id.operatingSystem());
    o.put("OSVersion", id.osVersion());
    o.put("OSType", "linux");
    o.put("Architecture", id.machine());
    o.put("IndexServerAddress", "https://index.docker.io/v1/");
    ObjectNode registry = o.putObject("RegistryConfig");
    registry.putArray("AllowNondistributableArtifactsCIDRs");
    registry.putArray("AllowNondistributableArtifactsHostnames");
    registry.putArray("InsecureRegistryCIDRs");
    registry.putObject("IndexConfigs");
    registry.putArray("Mirrors");
    o.put("NCPU", id.cpus());
    o.put("MemTotal", id.memory());
    o.putNull("GenericResources");
    o.put("DockerRootDir", id.root().toString());
    o.put("HttpProxy", "").put("HttpsProxy", "").put("NoProxy", "");
    o.put("Name", id.hostname());
    o.putArray("Labels");
    o.put("ExperimentalBuild", false);
    o.put("ServerVersion", id.version());
    o.putObject("Runtimes").putObject(id.runtime()).put("path", id.runtime());
    o.put("DefaultRuntime", id.runtime());
    ObjectNode swarm = o.putObject("Swarm");
    swarm.put("NodeID", "").put("NodeAddr", "").put("LocalNodeState", "inactive")
        .put("ControlAvailable", false).put("Error", "").putNull("RemoteManagers");
    o.put("LiveRestoreEnabled", false);
    o.put("Isolation", "");
    o.put("InitBinary", "");
    for (String k : new String[] {"ContainerdCommit", "RuncCommit", "InitCommit"}) {
      o.putObject(k).put("ID", "").put("Expected", "");
    }
    o.putArray("SecurityOptions");
    o.putArray("Warnings");
    ex.json(200, ApiJson.encode(o));
  }

  private static void add(ArrayNode a, String name) {
    for (var e : a) {
      if (e.asText().equals(name)) {
        return;
      }
    }
    a.add(name);
  }
}
