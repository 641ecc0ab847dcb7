package dev.hangar.registry.internal.sign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.registry.Digest;
import dev.hangar.registry.sign.SimpleSigningPayload;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes and strictly reads simple-signing payloads. Reading is strict because the bytes were
 * signed, not the reading: duplicate keys, unknown keys in {@code critical} or at the top, and
 * values of the wrong type are refused, so no two parsers can see different claims in one
 * signed payload. Call {@link #parse} only on bytes whose signature verified.
 */
public final class Payloads {
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> TOP = Set.of("critical", "optional");
  private static final Set<String> CRITICAL = Set.of("identity", "image", "type");

  private Payloads() {}

  /**
   * The payload bytes for a manifest, compact JSON in the order cosign writes it.
   *
   * @param dockerReference the repository signed for
   * @param digest the manifest
   * @param optional entries of {@code optional}, strings
   * @return the bytes
   */
  public static byte[] write(String dockerReference, Digest digest, Map<String, String> optional) {
    ObjectNode root = STRICT.createObjectNode();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", dockerReference);
    critical.putObject("image").put("docker-manifest-digest", digest.toString());
    critical.put("type", SimpleSigningPayload.TYPE);
    if (optional.isEmpty()) {
      root.putNull("optional");
    } else {
      ObjectNode o = root.putObject("optional");
      optional.forEach(o::put);
    }
    try {
      return STRICT.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a payload.
   *
   * @param bytes the signed bytes
   * @return the payload
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static SimpleSigningPayload parse(byte[] bytes) {
    JsonNode root;
    try {
      root = STRICT.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("the payload is not JSON: "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }
    object(root, "the payload", TOP);
    JsonNode critical = root.get("critical");
    if (critical == null) {
      throw new IllegalArgumentException("the payload has no \"critical\"");
    }
    object(critical, "critical", CRITICAL);
    String type = text(critical, "type", "critical.type");
    if (!type.equals(SimpleSigningPayload.TYPE)) {
      throw new IllegalArgumentException("critical.type is \"" + type + "\", not \""
          + SimpleSigningPayload.TYPE + "\"");
    }
    JsonNode identity = critical.get("identity");
    object(identity, "critical.identity", Set.of("docker-reference"));
    String ref = text(identity, "docker-reference", "critical.identity.docker-reference");
    JsonNode image = critical.get("image");
    object(image, "critical.image", Set.of("docker-manifest-digest"));
    String digest = text(image, "docker-manifest-digest", "critical.image.docker-manifest-digest");
    if (!Digest.isDigest(digest)) {
      throw new IllegalArgumentException("critical.image.docker-manifest-digest is not a "
          + "sha256 digest: " + digest);
    }
    Map<String, String> optional = new LinkedHashMap<>();
    JsonNode o = root.get("optional");
    if (o != null && !o.isNull()) {
      if (!o.isObject()) {
        throw new IllegalArgumentException("\"optional\" is not an object");
      }
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (e.getValue().isValueNode() && !e.getValue().isNull()) {
          optional.put(e.getKey(), e.getValue().asText());
        }
      }
    }
    return new SimpleSigningPayload(ref, Digest.parse(digest), optional);
  }

  private static void object(JsonNode n, String where, Set<String> allowed) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(where + " is not a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException(where + " has an unknown key \"" + f + "\"");
      }
    }
  }

  private static String text(JsonNode parent, String field, String where) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException(where + " is missing or not a string");
    }
    return n.asText();
  }
}
