package dev.hangar.managed.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads typed values out of a Jackson tree the way Go's {@code encoding/json} decodes into a
 * struct: member names match case-insensitively (the last matching member wins), unknown members
 * are ignored, {@code null} leaves the zero value (empty string, false, empty list, absent
 * pointer). A value of the wrong JSON type fails with {@link #code} and a message naming the
 * {@link #where source} and the field path, e.g. {@code config.json: Mounts[0].Source: expected a
 * string or null, got a number}.
 */
final class JsonShape {
  private final ErrorCode code;
  private final String where;

  /**
   * @param code the code of every failure
   * @param where how messages name the source (a file name, a state file and key)
   */
  JsonShape(ErrorCode code, String where) {
    this.code = code;
    this.where = where;
  }

  /** A failure naming the source and {@code path} (empty for the top level). */
  HangarException error(String path, String problem) {
    return new HangarException(code, where + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
  }

  /** {@code parent.name}, or {@code name} at the top level. */
  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** The member of {@code o} Go would decode into the field {@code name}; null when absent. */
  static JsonNode member(ObjectNode o, String name) {
    JsonNode found = null;
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        found = e.getValue();
      }
    }
    return found;
  }

  /** The object at {@code n}; an empty object for absent or {@code null}. */
  ObjectNode object(JsonNode n, String path) {
    if (absent(n)) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!n.isObject()) {
      throw error(path, "expected an object, got " + kind(n));
    }
    return (ObjectNode) n;
  }

  /** The string at {@code n}; empty for absent or {@code null}. */
  String string(JsonNode n, String path) {
    if (absent(n)) {
      return "";
    }
    if (!n.isTextual()) {
      throw error(path, "expected a string, got " + kind(n));
    }
    return n.textValue();
  }

  /** The string at {@code n} (Go's {@code *string}); empty for absent or {@code null}. */
  Optional<String> nullableString(JsonNode n, String path) {
    if (absent(n)) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw error(path, "expected a string or null, got " + kind(n));
    }
    return Optional.of(n.textValue());
  }

  /** The boolean at {@code n}; false for absent or {@code null}. */
  boolean bool(JsonNode n, String path) {
    if (absent(n)) {
      return false;
    }
    if (!n.isBoolean()) {
      throw error(path, "expected a boolean, got " + kind(n));
    }
    return n.booleanValue();
  }

  /**
   * The unsigned integer at {@code n} (Go's {@code uint32}, here limited to what an {@code int}
   * holds); empty for absent or {@code null}. Like Go, only an integer literal is accepted.
   */
  Optional<Integer> unsigned(JsonNode n, String path) {
    if (absent(n)) {
      return Optional.empty();
    }
    String expected = "expected an integer from 0 to " + Integer.MAX_VALUE + ", got ";
    if (!n.isNumber()) {
      throw error(path, expected + kind(n));
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
      throw error(path, expected + n.asText());
    }
    return Optional.of(n.intValue());
  }

  /** The array at {@code n}, each element read by {@code item}; empty for absent or null. */
  <T> List<T> list(JsonNode n, String path, BiFunction<JsonNode, String, T> item) {
    if (absent(n)) {
      return List.of();
    }
    if (!n.isArray()) {
      throw error(path, "expected an array or null, got " + kind(n));
    }
    List<T> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      out.add(item.apply(n.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** The array of strings at {@code n}; a {@code null} element reads as empty, as in Go. */
  List<String> strings(JsonNode n, String path) {
    return list(n, path, this::string);
  }

  private static boolean absent(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  /** What a JSON value is, for messages: {@code a string}, {@code an array}, ... */
  static String kind(JsonNode n) {
    if (n.isTextual()) {
      return "a string";
    } else if (n.isNumber()) {
      return "a number";
    } else if (n.isBoolean()) {
      return "a boolean";
    } else if (n.isArray()) {
      return "an array";
    } else if (n.isObject()) {
      return "an object";
    } else if (n.isNull()) {
      return "null";
    }
    return "a " + n.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
