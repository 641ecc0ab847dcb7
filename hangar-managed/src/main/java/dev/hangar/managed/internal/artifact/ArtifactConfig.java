package dev.hangar.managed.internal.artifact;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginKind;
import dev.hangar.managed.PluginType;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The config blob of a JAR or exec plugin artifact ({@link ArtifactMedia#CONFIG}), section 16.2:
 * {@code {"schemaVersion":1,"kind":"jar","description":"...","jar":{"file":"...","apiVersion":
 * "1.0"}}} or {@code {"schemaVersion":1,"kind":"exec","description":"...","exec":{"domains":
 * [...]}}}. Read strictly: unknown members and wrong types are refused, naming the member.
 *
 * @param kind {@link PluginKind#JAR} or {@link PluginKind#EXEC}
 * @param description shown as the plugin's {@code Description}
 * @param jarFile the JAR's file name (JAR plugins), else empty
 * @param apiVersion the JAR's {@code Hangar-Api-Version} (JAR plugins), else empty
 * @param domains the exec domains the bundle declares (exec plugins), else empty
 */
public record ArtifactConfig(PluginKind kind, String description, String jarFile,
    String apiVersion, List<String> domains) {
  public static final int SCHEMA_VERSION = 1;
  /** The largest exec domain list taken. */
  static final int MAX_DOMAINS = 256;

  public ArtifactConfig {
    Objects.requireNonNull(kind, "kind");
    if (kind == PluginKind.DOCKER) {
      throw new IllegalArgumentException("an artifact is a JAR or an exec plugin");
    }
    description = Objects.requireNonNullElse(description, "");
    jarFile = Objects.requireNonNullElse(jarFile, "");
    apiVersion = Objects.requireNonNullElse(apiVersion, "");
    domains = List.copyOf(domains);
  }

  /** A JAR plugin's config. */
  public static ArtifactConfig jar(String description, String file, String apiVersion) {
    return new ArtifactConfig(PluginKind.JAR, description, file, apiVersion, List.of());
  }

  /** An exec bundle's config. */
  public static ArtifactConfig exec(String description, List<String> domains) {
    return new ArtifactConfig(PluginKind.EXEC, description, "", "", domains);
  }

  /** The blob's bytes (compact JSON, members in the order above). */
  public byte[] toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("schemaVersion", SCHEMA_VERSION);
    o.put("kind", kind.wireName());
    o.put("description", description);
    if (kind == PluginKind.JAR) {
      o.putObject("jar").put("file", jarFile).put("apiVersion", apiVersion);
    } else {
      domains.forEach(o.putObject("exec").putArray("domains")::add);
    }
    try {
      return Json.MAPPER.writeValueAsBytes(o);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The plugin config Hangar keeps for it: {@code Interface.Types} {@code hangar.jar/<api>} or
   * {@code hangar.exec/1.0}, no socket; a JAR plugin's {@code Entrypoint} is its file name.
   */
  public PluginConfig pluginConfig() {
    boolean jar = kind == PluginKind.JAR;
    PluginType type = new PluginType(PluginKind.TYPE_PREFIX, kind.wireName(),
        jar ? apiVersion : "1.0");
    String shown = !description.isEmpty() ? description
        : jar ? "JAR plugin " + jarFile : "exec plugin of " + String.join(", ", domains);
    return new PluginConfig(shown, "", new PluginConfig.Interface(List.of(type), "", ""),
        jar ? List.of(jarFile) : List.of(), "", null, null, null, null, null, null, "", false,
        false, java.util.Optional.empty());
  }

  /**
   * Reads a config blob.
   *
   * @param where how messages name it, e.g. {@code <ref> config sha256:...}
   * @throws HangarException MANIFEST_INVALID naming {@code where} and the member
   */
  public static ArtifactConfig parse(byte[] bytes, String where) {
    JsonNode root;
    try {
      root = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readTree(bytes);
    } catch (JacksonException e) {
      throw invalid(where, "not JSON: " + Json.problem(e));
    } catch (java.io.IOException e) {
      throw invalid(where, "cannot be read: " + e.getMessage());
    }
    if (root == null) {
      throw invalid(where, "empty");
    }
    Fields f = new Fields(where);
    f.only(root, "", Set.of("schemaVersion", "kind", "description", "jar", "exec"));
    JsonNode v = root.get("schemaVersion");
    if (v == null || !v.isInt() || v.intValue() != SCHEMA_VERSION) {
      throw invalid(where, "schemaVersion: " + v + " is not the supported " + SCHEMA_VERSION);
    }
    String kind = f.text(root, "kind", true);
    String description = f.text(root, "description", false);
    switch (kind) {
      case "jar" -> {
        JsonNode jar = f.object(root, "jar");
        f.only(jar, "jar.", Set.of("file", "apiVersion"));
        f.absent(root, "exec", kind);
        return jar(description, f.text(jar, "file", true), f.text(jar, "apiVersion", true));
      }
      case "exec" -> {
        JsonNode exec = f.object(root, "exec");
        f.only(exec, "exec.", Set.of("domains"));
        f.absent(root, "jar", kind);
        JsonNode ds = exec.get("domains");
        if (ds == null || !ds.isArray() || ds.isEmpty() || ds.size() > MAX_DOMAINS) {
          throw invalid(where, "exec.domains: a list of 1 to " + MAX_DOMAINS
              + " domain names is required");
        }
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
          if (!ds.get(i).isTextual() || ds.get(i).asText().isEmpty()) {
            throw invalid(where, "exec.domains[" + i + "]: expected a non-empty string");
          }
          domains.add(ds.get(i).asText());
        }
        return exec(description, domains);
      }
      default -> throw invalid(where, "kind: \"" + kind + "\" is not \"jar\" or \"exec\"");
    }
  }

  static HangarException invalid(String where, String why) {
    return new HangarException(ErrorCode.MANIFEST_INVALID, where + ": " + why);
  }

  /** Member checks naming {@code where} and the member's path. */
  private record Fields(String where) {
    void only(JsonNode o, String path, Set<String> allowed) {
      if (!o.isObject()) {
        throw invalid(where, (path.isEmpty() ? "the config" : path.substring(0,
            path.length() - 1)) + ": expected an object");
      }
      for (java.util.Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!allowed.contains(k)) {
          throw invalid(where, path + k + ": unknown member (known: " + new java.util.TreeSet<>(
              allowed) + ")");
        }
      }
    }

    String text(JsonNode o, String name, boolean required) {
      JsonNode n = o.get(name);
      if (n == null || n.isNull()) {
        if (required) {
          throw invalid(where, name + ": required");
        }
        return "";
      }
      if (!n.isTextual()) {
        throw invalid(where, name + ": expected a string, got " + n.getNodeType().name()
            .toLowerCase(java.util.Locale.ROOT));
      }
      if (required && n.asText().isEmpty()) {
        throw invalid(where, name + ": must not be empty");
      }
      return n.asText();
    }

    JsonNode object(JsonNode o, String name) {
      JsonNode n = o.get(name);
      if (n == null || !n.isObject()) {
        throw invalid(where, name + ": required, an object");
      }
      return n;
    }

    void absent(JsonNode o, String name, String kind) {
      if (o.has(name)) {
        throw invalid(where, name + ": not allowed for kind \"" + kind + "\"");
      }
    }
  }
}
