package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.managed.PluginType;
import java.util.List;
import java.util.Optional;

/**
 * Docker's Plugin object of a managed plugin, in Go's field order.
 *
 * <p>TODO(lead, at merge): a private stand-in for
 * {@code dev.hangar.managed.internal.config.ConfigJson.pluginToJson(ManagedPlugin)}; replace the
 * body of {@link #of} with a call to it once it is on main.
 */
final class PluginJson {
  private PluginJson() {}

  /** {@code {"Config","Enabled","Id","Name","PluginReference","Settings"}}. */
  static ObjectNode of(ManagedPlugin p) {
    ObjectNode o = ApiJson.object();
    o.set("Config", config(p.config()));
    o.put("Enabled", p.enabled());
    o.put("Id", p.id());
    o.put("Name", p.name());
    if (!p.pluginReference().isEmpty()) {
      o.put("PluginReference", p.pluginReference());
    }
    o.set("Settings", settings(p.settings()));
    return o;
  }

  private static ObjectNode config(PluginConfig c) {
    ObjectNode o = ApiJson.object();
    ObjectNode args = o.putObject("Args");
    args.put("Description", c.args().description());
    args.put("Name", c.args().name());
    args.set("Settable", strings(c.args().settable()));
    args.set("Value", strings(c.args().value()));
    o.put("Description", c.description());
    o.put("Documentation", c.documentation());
    o.set("Entrypoint", strings(c.entrypoint()));
    ArrayNode env = o.putArray("Env");
    for (PluginConfig.Env e : c.env()) {
      ObjectNode n = env.addObject().put("Description", e.description()).put("Name", e.name());
      n.set("Settable", strings(e.settable()));
      putNullable(n, "Value", e.value());
    }
    ObjectNode iface = o.putObject("Interface");
    if (!c.iface().protocolScheme().isEmpty()) {
      iface.put("ProtocolScheme", c.iface().protocolScheme());
    }
    iface.put("Socket", c.iface().socket());
    iface.set("Types", strings(c.iface().types().stream().map(PluginType::toString).toList()));
    o.put("IpcHost", c.ipcHost());
    ObjectNode linux = o.putObject("Linux");
    linux.put("AllowAllDevices", c.linux().allowAllDevices());
    linux.set("Capabilities", strings(c.linux().capabilities()));
    linux.set("Devices", devices(c.linux().devices()));
    o.set("Mounts", mounts(c.mounts()));
    o.putObject("Network").put("Type", c.network().type());
    o.put("PidHost", c.pidHost());
    o.put("PropagatedMount", c.propagatedMount());
    ObjectNode user = o.putObject("User");
    c.user().gid().ifPresent(g -> user.put("GID", g));
    c.user().uid().ifPresent(u -> user.put("UID", u));
    o.put("WorkDir", c.workDir());
    c.rootfs().ifPresent(r -> {
      ObjectNode rootfs = o.putObject("rootfs");
      rootfs.set("diff_ids", strings(r.diffIds()));
      if (!r.type().isEmpty()) {
        rootfs.put("type", r.type());
      }
    });
    return o;
  }

  private static ObjectNode settings(PluginSettings s) {
    ObjectNode o = ApiJson.object();
    o.set("Args", strings(s.args()));
    o.set("Devices", devices(s.devices()));
    o.set("Env", strings(s.env()));
    o.set("Mounts", mounts(s.mounts()));
    return o;
  }

  private static ArrayNode mounts(List<PluginConfig.Mount> mounts) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (PluginConfig.Mount m : mounts) {
      ObjectNode n = a.addObject().put("Description", m.description())
          .put("Destination", m.destination()).put("Name", m.name());
      n.set("Options", strings(m.options()));
      n.set("Settable", strings(m.settable()));
      putNullable(n, "Source", m.source());
      n.put("Type", m.type());
    }
    return a;
  }

  private static ArrayNode devices(List<PluginConfig.Device> devices) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (PluginConfig.Device d : devices) {
      ObjectNode n = a.addObject().put("Description", d.description()).put("Name", d.name());
      putNullable(n, "Path", d.path());
      n.set("Settable", strings(d.settable()));
    }
    return a;
  }

  private static void putNullable(ObjectNode n, String field, Optional<String> v) {
    if (v.isPresent()) {
      n.put(field, v.get());
    } else {
      n.putNull(field);
    }
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    values.forEach(a::add);
    return a;
  }
}
