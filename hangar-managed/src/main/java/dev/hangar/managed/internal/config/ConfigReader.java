package dev.hangar.managed.internal.config;

import static dev.hangar.managed.internal.config.JsonShape.child;
import static dev.hangar.managed.internal.config.JsonShape.member;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.managed.PluginType;
import java.util.List;
import java.util.Optional;

/**
 * Turns a JSON tree into {@link PluginConfig} and {@link PluginSettings} the way Go decodes into
 * {@code plugin.Config} and {@code plugin.Settings}; field paths in messages use Go's field names
 * ({@code Interface.Types[1]}, {@code rootfs.diff_ids[0]}) whatever case the input used. Checks
 * the shape only (and that each type is a {@link PluginType}); {@link ConfigRules} checks values.
 */
final class ConfigReader {
  private final JsonShape shape;

  ConfigReader(JsonShape shape) {
    this.shape = shape;
  }

  /** The config in the object {@code o}. */
  PluginConfig config(ObjectNode o) {
    return new PluginConfig(
        shape.string(member(o, "Description"), "Description"),
        shape.string(member(o, "Documentation"), "Documentation"),
        iface(member(o, "Interface"), "Interface"),
        shape.strings(member(o, "Entrypoint"), "Entrypoint"),
        shape.string(member(o, "WorkDir"), "WorkDir"),
        user(member(o, "User"), "User"),
        new PluginConfig.Network(network(member(o, "Network"), "Network")),
        shape.list(member(o, "Mounts"), "Mounts", this::mount),
        shape.list(member(o, "Env"), "Env", this::env),
        args(member(o, "Args"), "Args"),
        linux(member(o, "Linux"), "Linux"),
        shape.string(member(o, "PropagatedMount"), "PropagatedMount"),
        shape.bool(member(o, "PidHost"), "PidHost"),
        shape.bool(member(o, "IpcHost"), "IpcHost"),
        rootfs(member(o, "rootfs"), "rootfs"));
  }

  /** The settings in {@code n}; empty settings for absent or {@code null}. */
  PluginSettings settings(JsonNode n) {
    ObjectNode o = shape.object(n, "");
    return new PluginSettings(
        shape.list(member(o, "Mounts"), "Mounts", this::mount),
        shape.strings(member(o, "Env"), "Env"),
        shape.strings(member(o, "Args"), "Args"),
        shape.list(member(o, "Devices"), "Devices", this::device));
  }

  private PluginConfig.Interface iface(JsonNode n, String path) {
    ObjectNode o = shape.object(n, path);
    String typesPath = child(path, "Types");
    List<PluginType> types = shape.list(member(o, "Types"), typesPath, this::type);
    return new PluginConfig.Interface(types,
        shape.string(member(o, "Socket"), child(path, "Socket")),
        shape.string(member(o, "ProtocolScheme"), child(path, "ProtocolScheme")));
  }

  private PluginType type(JsonNode n, String path) {
    String s = shape.string(n, path);
    try {
      return PluginType.parse(s);
    } catch (IllegalArgumentException e) {
      throw shape.error(path, e.getMessage());
    }
  }

  /** {@code User}; an id of 0 reads as absent, as Go (whose zero means unset) cannot tell. */
  private PluginConfig.User user(JsonNode n, String path) {
    ObjectNode o = shape.object(n, path);
    return new PluginConfig.User(
        shape.unsigned(member(o, "UID"), child(path, "UID")).filter(id -> id != 0),
        shape.unsigned(member(o, "GID"), child(path, "GID")).filter(id -> id != 0));
  }

  private String network(JsonNode n, String path) {
    return shape.string(member(shape.object(n, path), "Type"), child(path, "Type"));
  }

  /** A {@code Mounts} entry (of a config or of settings). */
  PluginConfig.Mount mount(JsonNode n, String path) {
    ObjectNode o = shape.object(n, path);
    return new PluginConfig.Mount(
        shape.string(member(o, "Name"), child(path, "Name")),
        shape.string(member(o, "Description"), child(path, "Description")),
        shape.strings(member(o, "Settable"), child(path, "Settable")),
        shape.nullableString(member(o, "Source"), child(path, "Source")),
        shape.string(member(o, "Destination"), child(path, "Destination")),
        shape.string(member(o, "Type"), child(path, "Type")),
        shape.strings(member(o, "Options"), child(path, "Options")));
  }

  private PluginConfig.Env env(JsonNode n, String path) {
    ObjectNode o = shape.object(n, path);
    return new PluginConfig.Env(
        shape.string(member(o, "Name"), child(path, "Name")),
        shape.string(member(o, "Description"), child(path, "Description")),
        shape.strings(member(o, "Settable"), child(path, "Settable")),
        shape.nullableString(member(o, "Value"), child(path, "Value")));
  }

  private PluginConfig.Args args(JsonNode n, String path) {
    ObjectNode o = shape.object(n, path);
    return new PluginConfig.Args(
        shape.string(member(o, "Name"), child(path, "Name")),
        shape.string(member(o, "Description"), child(path, "Description")),
        shape.strings(member(o, "Settable"), child(path, "Settable")),
        shape.strings(member(o, "Value"), child(path, "Value")));
  }

  private PluginConfig.Linux linux(JsonNode n, String path) {
    ObjectNode o = shape.object(n, path);
    return new PluginConfig.Linux(
        shape.strings(member(o, "Capabilities"), child(path, "Capabilities")),
        shape.bool(member(o, "AllowAllDevices"), child(path, "AllowAllDevices")),
        shape.list(member(o, "Devices"), child(path, "Devices"), this::device));
  }

  /** A {@code Linux.Devices} entry (of a config) or a {@code Devices} entry (of settings). */
  PluginConfig.Device device(JsonNode n, String path) {
    ObjectNode o = shape.object(n, path);
    return new PluginConfig.Device(
        shape.string(member(o, "Name"), child(path, "Name")),
        shape.string(member(o, "Description"), child(path, "Description")),
        shape.strings(member(o, "Settable"), child(path, "Settable")),
        shape.nullableString(member(o, "Path"), child(path, "Path")));
  }

  private Optional<PluginConfig.Rootfs> rootfs(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    ObjectNode o = shape.object(n, path);
    return Optional.of(new PluginConfig.Rootfs(
        shape.string(member(o, "type"), child(path, "type")),
        shape.strings(member(o, "diff_ids"), child(path, "diff_ids"))));
  }
}
