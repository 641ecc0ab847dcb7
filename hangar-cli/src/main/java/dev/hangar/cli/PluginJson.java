package dev.hangar.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.PluginInfo;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON form of plugins in {@code ls --format json} and {@code inspect}. Keys are stable:
 * {@code name, kind, address, implements, state, error}, and {@code source} for inspect.
 */
final class PluginJson {
  private PluginJson() {}

  static ArrayNode array(List<PluginInfo> plugins) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    plugins.forEach(p -> a.add(summary(p)));
    return a;
  }

  static ObjectNode object(PluginInfo p) {
    ObjectNode o = summary(p);
    if (p.source() == null) {
      o.putNull("source");
    } else {
      o.put("source", p.source().toString());
    }
    return o;
  }

  private static ObjectNode summary(PluginInfo p) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", p.name());
    o.put("kind", p.kind());
    if (p.address() == null) {
      o.putNull("address");
    } else {
      o.put("address", p.address());
    }
    ArrayNode imp = o.putArray("implements");
    p.implementsList().forEach(imp::add);
    o.put("state", p.state().label());
    if (p.error() == null) {
      o.putNull("error");
    } else {
      o.put("error", p.error());
    }
    return o;
  }

  static void write(PrintStream out, Object tree) {
    try {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
