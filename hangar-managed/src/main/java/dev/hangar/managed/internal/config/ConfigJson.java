package dev.hangar.managed.internal.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;

/**
 * Docker's plugin JSON: a plugin's {@code config.json} ({@code plugin.Config}), its
 * {@code Settings}, and the {@code Plugin} object of the Engine API. Reading follows Go's
 * {@code encoding/json}; writing produces the members, order and nulls Docker's daemon writes.
 * Stateless and thread-safe.
 */
public final class ConfigJson {
  /** Like Go's {@code Unmarshal}, content after the top-level value is an error. */
  private static final ObjectReader READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ConfigJson() {}

  /**
   * Parses a plugin's {@code config.json}. Keys are matched case-insensitively as Go's
   * {@code encoding/json} does ({@code "Workdir"}, {@code "interface"}, {@code "types"} all
   * work; when several match, the last wins); unknown keys are ignored; {@code null} reads as the
   * zero value (empty string, false, empty list, absent {@code Source}/{@code Value}/{@code
   * Path}/{@code rootfs}); a {@code User.UID} or {@code GID} of 0 reads as absent (Go's zero,
   * unset). Beyond Docker, which accepts any config, the values are checked:
   * every {@code Interface.Types} entry parses as a {@link dev.hangar.managed.PluginType};
   * {@code Interface.ProtocolScheme} is empty or {@value PluginConfig#PROTOCOL_HTTP_V1};
   * {@code Interface.Socket} is a plain file name of at most 64 bytes; {@code Entrypoint} is
   * non-empty with a non-empty first element; {@code WorkDir} and {@code PropagatedMount} are
   * empty or absolute; each {@code Mounts[i].Destination} is absolute; each
   * {@code Linux.Capabilities[i]} matches {@code CAP_[A-Z0-9_]+}; each {@code Env[i].Name} is
   * non-empty without {@code =}; {@code Settable} lists only the field {@code set} can change on
   * that kind of item ({@code value} for Env and Args, {@code source} for Mounts, {@code path}
   * for devices). {@code Network.Type} may be any string, as in Docker. The size of the input
   * is the caller's concern. Unlike Go, invalid UTF-8 is refused rather than replaced.
   *
   * @param json the file's bytes
   * @param file how messages name the file, e.g. {@code config.json}
   * @throws HangarException {@link ErrorCode#PACKAGE_INVALID} naming {@code file} and the field
   *     path, e.g. {@code config.json: Mounts[0].Source: expected a string or null, got a number},
   *     {@code config.json: Interface.Socket: required} or {@code config.json: not JSON: ...}
   */
  public static PluginConfig parse(byte[] json, String file) {
    JsonShape shape = new JsonShape(ErrorCode.PACKAGE_INVALID, file);
    JsonNode root;
    try {
      root = READER.readTree(json);
    } catch (JacksonException e) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID,
          file + ": not JSON: " + Json.problem(e), e);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, file + ": not JSON: " + e, e);
    }
    if (root == null || root.isMissingNode()) {
      throw shape.error("", "not JSON: no content");
    }
    if (!root.isObject()) {
      throw shape.error("", "expected an object at the top level, got " + JsonShape.kind(root));
    }
    PluginConfig c = new ConfigReader(shape).config((ObjectNode) root);
    new ConfigRules(shape).check(c);
    return c;
  }

  /**
   * The JSON Docker's daemon writes for this config: the members of Go's {@code plugin.Config}
   * in its field order, omitempty where Go has it ({@code Interface.ProtocolScheme},
   * {@code User.GID}/{@code UID} when 0, {@code rootfs} when absent, {@code rootfs.type} when
   * empty; {@code User} itself always, as {@code {}} at least), {@code null} for an absent
   * {@code Source}/{@code Value}/{@code Path}, and {@code null} for every empty list: what the
   * daemon writes after decoding a config that leaves empty lists out (the records cannot
   * tell {@code []} from an absent list). Serialised with {@link Json#MAPPER} it is the text
   * Go writes with HTML escaping off, as the Engine API does.
   */
  public static ObjectNode toJson(PluginConfig c) {
    return ConfigWriter.config(c);
  }

  /**
   * The JSON Docker writes for {@code Settings}: {@code Args}, {@code Devices}, {@code Env},
   * {@code Mounts}, each an array ({@code []} when empty: the daemon always makes them), their
   * mounts and devices written as in {@link #toJson}.
   */
  public static ObjectNode settingsToJson(PluginSettings s) {
    return ConfigWriter.settings(s);
  }

  /**
   * Reads {@code Settings} as {@link #settingsToJson} writes them, Go's way (as {@link #parse}
   * does; no value checks). An absent or {@code null} node reads as empty settings.
   *
   * @param n the settings object, or null
   * @param where how messages name it, e.g. {@code plugins/<id>/config.json: plugin.Settings}
   * @throws HangarException {@link ErrorCode#STATE_INVALID} naming {@code where} and the field
   *     path when a value has the wrong JSON type
   */
  public static PluginSettings parseSettings(JsonNode n, String where) {
    return new ConfigReader(new JsonShape(ErrorCode.STATE_INVALID, where)).settings(n);
  }

  /**
   * Docker's {@code Plugin} object as {@code GET /plugins/{name}/json} returns it:
   * {@code Config}, {@code Enabled}, {@code Id} (omitted when empty), {@code Name},
   * {@code PluginReference} (omitted when empty), {@code Settings}.
   */
  public static ObjectNode pluginToJson(ManagedPlugin p) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.set("Config", toJson(p.config()));
    o.put("Enabled", p.enabled());
    if (!p.id().isEmpty()) {
      o.put("Id", p.id());
    }
    o.put("Name", p.name());
    if (!p.pluginReference().isEmpty()) {
      o.put("PluginReference", p.pluginReference());
    }
    o.set("Settings", settingsToJson(p.settings()));
    return o;
  }
}
