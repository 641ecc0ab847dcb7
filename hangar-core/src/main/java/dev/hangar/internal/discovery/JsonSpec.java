package dev.hangar.internal.discovery;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.SpecFileException;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.protocol.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a {@code .json} plugin file as Go's {@code encoding/json} would decode it into Docker's
 * {@code Plugin} struct: keys match case-insensitively (the last of several matching keys wins),
 * unknown keys, {@code Name} included, are ignored. Only {@code Addr} and {@code TLSConfig}
 * ({@code CAFile}, {@code CertFile}, {@code KeyFile}, {@code InsecureSkipVerify}) are read.
 *
 * <p>Relative TLS file paths are resolved against the JSON file's directory, and each TLS file
 * must exist. A {@code TLSConfig} without {@code CAFile} verifies the server against the system
 * trust store (Docker skips verification in that case).
 */
final class JsonSpec {
  private JsonSpec() {}

  static PluginAddress parse(Path file, String text) {
    JsonNode root;
    try {
      root = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
      throw new SpecFileException(file, "is not valid JSON" + where + ": " + Json.problem(e),
          e);
    }
    if (root == null || !root.isObject()) {
      throw new SpecFileException(file, "must hold a JSON object with \"Addr\"", null);
    }
    JsonNode addr = field(root, "addr");
    if (addr == null || addr.isNull()) {
      throw new SpecFileException(file, "has no \"Addr\"", null);
    }
    if (!addr.isTextual()) {
      throw new SpecFileException(file, "\"Addr\" must be a string, not " + type(addr), null);
    }
    if (addr.asText().isBlank()) {
      throw new SpecFileException(file, "\"Addr\" is empty", null);
    }
    TlsSettings tls = tls(file, field(root, "tlsconfig"));
    try {
      return PluginAddress.parse(addr.asText(), tls);
    } catch (IllegalArgumentException e) {
      throw new SpecFileException(file, "\"Addr\": " + e.getMessage(), e);
    }
  }

  private static TlsSettings tls(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new SpecFileException(file, "\"TLSConfig\" must be an object, not " + type(node), null);
    }
    Path ca = tlsFile(file, node, "CAFile");
    Path cert = tlsFile(file, node, "CertFile");
    Path key = tlsFile(file, node, "KeyFile");
    JsonNode insecure = field(node, "insecureskipverify");
    boolean skip = false;
    if (insecure != null && !insecure.isNull()) {
      if (!insecure.isBoolean()) {
        throw new SpecFileException(file,
            "\"TLSConfig.InsecureSkipVerify\" must be true or false, not " + type(insecure), null);
      }
      skip = insecure.booleanValue();
    }
    return new TlsSettings(ca, cert, key, skip);
  }

  private static Path tlsFile(Path file, JsonNode tls, String key) {
    JsonNode v = field(tls, key.toLowerCase(Locale.ROOT));
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new SpecFileException(file,
          "\"TLSConfig." + key + "\" must be a string, not " + type(v), null);
    }
    if (v.asText().isEmpty()) {
      return null; // Go's zero value: not set
    }
    Path dir = file.toAbsolutePath().getParent();
    Path p = dir.resolve(v.asText()).normalize();
    if (!Files.isRegularFile(p)) {
      throw new SpecFileException(file,
          "\"TLSConfig." + key + "\": " + p
              + (Files.exists(p) ? " is not a file" : " does not exist"), null);
    }
    if (!Files.isReadable(p)) {
      throw new SpecFileException(file, "\"TLSConfig." + key + "\": " + p + " cannot be read",
          null);
    }
    return p;
  }

  /** The value of the last key equal to {@code lowerKey} ignoring case, as Go decodes. */
  private static JsonNode field(JsonNode object, String lowerKey) {
    JsonNode found = null;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(lowerKey)) {
        found = e.getValue();
      }
    }
    return found;
  }

  private static String type(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case STRING -> "a string";
      case NULL -> "null";
      default -> n.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }
}
