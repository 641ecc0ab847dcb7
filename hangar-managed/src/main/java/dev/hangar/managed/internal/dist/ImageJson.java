package dev.hangar.managed.internal.dist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.internal.config.ConfigJson;
import dev.hangar.protocol.internal.Json;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two JSON documents of a plugin image, byte for byte as moby writes them: the config blob
 * ({@code json.NewEncoder(w).Encode(config)}: compact, Go's HTML escaping, a final newline) and
 * the manifest ({@code json.Marshal} of moby's {@code manifest}: OCI's fields, then
 * {@code mediaType}, which Go puts last because it is the outer struct's).
 */
final class ImageJson {
  private ImageJson() {}

  /** The config blob of {@code config} with {@code rootfs} {@code layers} and its diff IDs. */
  static byte[] config(PluginConfig config, List<String> diffIds) {
    PluginConfig c = new PluginConfig(config.description(), config.documentation(),
        config.iface(), config.entrypoint(), config.workDir(), config.user(), config.network(),
        config.mounts(), config.env(), config.args(), config.linux(), config.propagatedMount(),
        config.pidHost(), config.ipcHost(),
        java.util.Optional.of(new PluginConfig.Rootfs("layers", diffIds)));
    return (goEncode(ConfigJson.toJson(c)) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The schema 2 manifest of a plugin image. */
  static byte[] manifest(Descriptor config, List<Descriptor> layers) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("schemaVersion", 2);
    m.set("config", descriptor(MediaTypes.DOCKER_PLUGIN_CONFIG, config));
    var ls = m.putArray("layers");
    for (Descriptor l : layers) {
      ls.add(descriptor(MediaTypes.DOCKER_LAYER_GZIP, l));
    }
    m.put("mediaType", MediaTypes.DOCKER_MANIFEST);
    return goEncode(m).getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode descriptor(String mediaType, Descriptor d) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("mediaType", mediaType);
    o.put("digest", d.digest().toString());
    o.put("size", d.size());
    return o;
  }

  /** Compact JSON with Go's default escaping of {@code <}, {@code >}, {@code &}, U+2028/9. */
  static String goEncode(JsonNode n) {
    String s;
    try {
      s = Json.MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
    // Outside strings JSON has none of these characters, so replacing them everywhere is exact.
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }
}
