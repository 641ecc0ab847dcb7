package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.internal.config.ConfigJson;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Docker's {@code /plugins} routes over {@link ManagedPlugins}, as moby's plugin router. */
final class PluginEndpoints {
  /** The largest {@code set} body read. */
  static final int MAX_SET_BODY = 1 << 20;

  private final ManagedPlugins plugins;

  PluginEndpoints(ManagedPlugins plugins) {
    this.plugins = plugins;
  }

  /** {@code GET /plugins}: 200 and the array of Plugin objects, filtered. */
  void list(Exchange ex) {
    Filters f = Filters.parse(ex.query().get("filters"));
    ListFilter keep = ListFilter.of(f);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (ManagedPlugin p : keep.apply(plugins.list())) {
      out.add(ConfigJson.pluginToJson(p));
    }
    ex.json(200, ApiJson.encode(out));
  }

  /** {@code GET /plugins/{name}/json}: 200 and the Plugin object. */
  void inspect(Exchange ex) {
    ex.json(200, ApiJson.encode(ConfigJson.pluginToJson(plugins.inspect(ex.name()))));
  }

  /** {@code POST /plugins/create?name=}: the tar body streamed to the manager; 204. */
  void create(Exchange ex) throws IOException {
    String name = ex.query().get("name");
    if (name.isEmpty()) {
      throw new HangarException(ErrorCode.USAGE,
          "failed to parse reference : repository name must have at least one component");
    }
    try (InputStream tar = ex.body()) {
      plugins.create(name, tar);
    }
    ex.empty(204);
  }

  /**
   * {@code POST /plugins/{name}/enable?timeout=N}: {@code timeout} is required (the plugin's
   * client timeout in seconds, as moby; a negative one is none); 200, empty.
   */
  void enable(Exchange ex) {
    long timeout = ex.query().atoi("timeout");
    plugins.enable(ex.name(), Duration.ofSeconds(Math.max(0, timeout)));
    ex.empty(200);
  }

  /** {@code POST /plugins/{name}/disable?force=}: 200, empty. */
  void disable(Exchange ex) {
    boolean force = ex.query().bool("force");
    plugins.disable(ex.name(), force);
    ex.empty(200);
  }

  /** {@code DELETE /plugins/{name}?force=}: 200, empty. */
  void remove(Exchange ex) {
    boolean force = ex.query().bool("force");
    plugins.remove(ex.name(), force);
    ex.empty(200);
  }

  /** {@code POST /plugins/{name}/set} with a JSON array of strings: 204. */
  void set(Exchange ex) throws IOException {
    Optional<JsonNode> body = JsonBody.read(ex.header("Content-Type"), ex.declaredLength(),
        ex.body(), MAX_SET_BODY);
    plugins.set(ex.name(), stringArray(body));
    ex.empty(204);
  }

  /** The body as Go decodes it into {@code []string}: null or absent is empty. */
  static List<String> stringArray(Optional<JsonNode> body) {
    if (body.isEmpty() || body.get().isNull()) {
      return List.of();
    }
    JsonNode n = body.get();
    if (!n.isArray()) {
      throw new HangarException(ErrorCode.USAGE, "invalid JSON: json: cannot unmarshal "
          + goKind(n) + " into Go value of type []string");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual() && !e.isNull()) {
        throw new HangarException(ErrorCode.USAGE, "invalid JSON: json: cannot unmarshal "
            + goKind(e) + " into Go value of type string");
      }
      out.add(e.isNull() ? "" : e.asText());
    }
    return out;
  }

  private static String goKind(JsonNode n) {
    if (n.isObject()) {
      return "object";
    }
    if (n.isArray()) {
      return "array";
    }
    if (n.isBoolean()) {
      return "bool";
    }
    return n.isNumber() ? "number" : "string";
  }
}
