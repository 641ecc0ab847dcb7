package dev.hangar.managed.internal.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginKind;
import dev.hangar.managed.Privilege;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The privileges a plugin config asks for, as Docker's {@code computePrivileges} lists them. */
public final class Privileges {
  /** Network types that ask for nothing (so {@code host} and {@code none} both count). */
  private static final Set<String> NO_NETWORK_PRIVILEGE = Set.of("", "null", "bridge");

  /** The privilege of a JAR plugin; its value is the JAR's file name. */
  public static final String JAR_IN_HOST = "jar-in-host";
  /** The privilege of an exec bundle; its value is {@code true}. */
  public static final String EXEC_UNSANDBOXED = "exec-unsandboxed";

  private Privileges() {}

  /**
   * Docker's {@code computePrivileges}, after the privilege of Hangar's kind ({@value
   * #JAR_IN_HOST} or {@value #EXEC_UNSANDBOXED}, see {@link PluginKind}), in its order: {@code network} (unless the type is empty,
   * {@code null} or {@code bridge}), {@code host ipc namespace}, {@code host pid namespace}, one
   * {@code mount} per mount with a source, one {@code device} per device with a path,
   * {@code allow-all-devices}, {@code capabilities} (when there are any); with Docker's
   * descriptions and values.
   */
  public static List<Privilege> compute(PluginConfig c) {
    List<Privilege> out = new ArrayList<>();
    switch (PluginKind.of(c)) {
      case JAR -> out.add(new Privilege(JAR_IN_HOST,
          "runs inside the host's JVM with all of its rights", c.entrypoint()));
      case EXEC -> out.add(new Privilege(EXEC_UNSANDBOXED,
          "runs unsandboxed as the host's user", List.of("true")));
      case DOCKER -> { }
    }
    String network = c.network().type();
    if (!NO_NETWORK_PRIVILEGE.contains(network)) {
      out.add(new Privilege("network", "permissions to access a network", List.of(network)));
    }
    if (c.ipcHost()) {
      out.add(new Privilege("host ipc namespace", "allow access to host ipc namespace",
          List.of("true")));
    }
    if (c.pidHost()) {
      out.add(new Privilege("host pid namespace", "allow access to host pid namespace",
          List.of("true")));
    }
    for (PluginConfig.Mount m : c.mounts()) {
      m.source().ifPresent(s -> out.add(new Privilege("mount", "host path to mount", List.of(s))));
    }
    for (PluginConfig.Device d : c.linux().devices()) {
      d.path().ifPresent(p -> out.add(
          new Privilege("device", "host device to access", List.of(p))));
    }
    if (c.linux().allowAllDevices()) {
      out.add(new Privilege("allow-all-devices", "allow 'rwm' access to all devices",
          List.of("true")));
    }
    if (!c.linux().capabilities().isEmpty()) {
      out.add(new Privilege("capabilities", "list of additional capabilities required",
          c.linux().capabilities()));
    }
    return List.copyOf(out);
  }

  /**
   * The Engine API's privileges array, {@code [{"Name","Description","Value":[...]}]}. An empty
   * list is {@code []} (Docker's daemon writes {@code null} for a plugin that asks for nothing;
   * clients read both alike).
   */
  public static ArrayNode toJson(List<Privilege> ps) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode(ps.size());
    for (Privilege p : ps) {
      ObjectNode o = a.addObject();
      o.put("Name", p.name());
      o.put("Description", p.description());
      ArrayNode v = o.putArray("Value");
      p.value().forEach(v::add);
    }
    return a;
  }
}
