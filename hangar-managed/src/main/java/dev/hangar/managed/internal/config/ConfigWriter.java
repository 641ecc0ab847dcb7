package dev.hangar.managed.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.managed.PluginType;
import java.util.List;
import java.util.Optional;

/**
 * Builds the JSON Go's {@code encoding/json} writes for {@code plugin.Config} and
 * {@code plugin.Settings}: members in the Go structs' field order, omitempty where Go has it
 * ({@code Interface.ProtocolScheme}, {@code User.GID}/{@code UID}, {@code rootfs},
 * {@code rootfs.type}), {@code null} for an absent {@code *string}.
 *
 * <p>Lists: the records cannot tell an absent list from an empty one, so each is written as the
 * daemon would write it after decoding a config that leaves empty lists out (the usual case, as
 * in Docker's own examples): an empty list inside a config (and inside a settings mount or
 * device, which are copies of the config's) is Go's nil slice, {@code null}; the four lists of
 * settings themselves are always made by the daemon ({@code InitEmptySettings}), so an empty
 * one is {@code []}.
 */
final class ConfigWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ConfigWriter() {}

  static ObjectNode config(PluginConfig c) {
    ObjectNode o = NODES.objectNode();
    PluginConfig.Args a = c.args();
    ObjectNode args = o.putObject("Args");
    args.put("Description", a.description());
    args.put("Name", a.name());
    args.set("Settable", strings(a.settable()));
    args.set("Value", strings(a.value()));
    o.put("Description", c.description());
    o.put("Documentation", c.documentation());
    o.set("Entrypoint", strings(c.entrypoint()));
    o.set("Env", list(c.env().stream().map(ConfigWriter::env).toList()));
    o.set("Interface", iface(c.iface()));
    o.put("IpcHost", c.ipcHost());
    ObjectNode linux = o.putObject("Linux");
    linux.put("AllowAllDevices", c.linux().allowAllDevices());
    linux.set("Capabilities", strings(c.linux().capabilities()));
    linux.set("Devices", list(c.linux().devices().stream().map(ConfigWriter::device).toList()));
    o.set("Mounts", list(c.mounts().stream().map(ConfigWriter::mount).toList()));
    o.putObject("Network").put("Type", c.network().type());
    o.put("PidHost", c.pidHost());
    o.put("PropagatedMount", c.propagatedMount());
    ObjectNode user = o.putObject("User");
    c.user().gid().filter(g -> g != 0).ifPresent(g -> user.put("GID", g));
    c.user().uid().filter(u -> u != 0).ifPresent(u -> user.put("UID", u));
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

  static ObjectNode settings(PluginSettings s) {
    ObjectNode o = NODES.objectNode();
    o.set("Args", array(s.args().stream().map(NODES::textNode).toList()));
    o.set("Devices", array(s.devices().stream().map(ConfigWriter::device).toList()));
    o.set("Env", array(s.env().stream().map(NODES::textNode).toList()));
    o.set("Mounts", array(s.mounts().stream().map(ConfigWriter::mount).toList()));
    return o;
  }

  private static ObjectNode iface(PluginConfig.Interface i) {
    ObjectNode o = NODES.objectNode();
    if (!i.protocolScheme().isEmpty()) {
      o.put("ProtocolScheme", i.protocolScheme());
    }
    o.put("Socket", i.socket());
    o.set("Types", strings(i.types().stream().map(PluginType::toString).toList()));
    return o;
  }

  static ObjectNode mount(PluginConfig.Mount m) {
    ObjectNode o = NODES.objectNode();
    o.put("Description", m.description());
    o.put("Destination", m.destination());
    o.put("Name", m.name());
    o.set("Options", strings(m.options()));
    o.set("Settable", strings(m.settable()));
    o.set("Source", nullable(m.source()));
    o.put("Type", m.type());
    return o;
  }

  private static ObjectNode env(PluginConfig.Env e) {
    ObjectNode o = NODES.objectNode();
    o.put("Description", e.description());
    o.put("Name", e.name());
    o.set("Settable", strings(e.settable()));
    o.set("Value", nullable(e.value()));
    return o;
  }

  static ObjectNode device(PluginConfig.Device d) {
    ObjectNode o = NODES.objectNode();
    o.put("Description", d.description());
    o.put("Name", d.name());
    o.set("Path", nullable(d.path()));
    o.set("Settable", strings(d.settable()));
    return o;
  }

  private static JsonNode nullable(Optional<String> s) {
    return s.<JsonNode>map(NODES::textNode).orElse(NODES.nullNode());
  }

  /** A config's list of strings: {@code null} when empty (Go's nil slice). */
  private static JsonNode strings(List<String> l) {
    return list(l.stream().map(NODES::textNode).toList());
  }

  /** A config's list: {@code null} when empty (Go's nil slice). */
  private static JsonNode list(List<? extends JsonNode> items) {
    return items.isEmpty() ? NODES.nullNode() : array(items);
  }

  private static ArrayNode array(List<? extends JsonNode> items) {
    ArrayNode a = NODES.arrayNode(items.size());
    items.forEach(a::add);
    return a;
  }
}
