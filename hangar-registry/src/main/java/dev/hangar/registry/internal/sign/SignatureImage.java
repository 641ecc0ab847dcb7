package dev.hangar.registry.internal.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.Digest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.RawManifest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cosign's signature image: an OCI image manifest tagged {@code sha256-<hex>.sig} in the
 * signed manifest's repository, one layer per signature, each a simple-signing payload with its
 * base64 signature in the {@code dev.cosignproject.cosign/signature} annotation.
 */
public final class SignatureImage {
  /** The annotation holding a layer's base64 signature. */
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  private SignatureImage() {}

  /**
   * One layer of a signature image.
   *
   * @param mediaType the layer's media type
   * @param digest the payload's digest
   * @param size the payload's size
   * @param annotations the layer's annotations
   */
  public record Layer(String mediaType, Digest digest, long size, Map<String, String> annotations) {
    /** Copies the annotations. */
    public Layer {
      annotations = Map.copyOf(annotations);
    }
  }

  /** The tag of the signatures of {@code digest}: {@code sha256-<hex>.sig}. */
  public static String tag(Digest digest) {
    return Digest.ALGORITHM + "-" + digest.hex() + ".sig";
  }

  /** The signature image of {@code digest} in {@code ref}'s repository. */
  public static Reference of(Reference ref, Digest digest) {
    return Reference.ofTag(ref.registry(), ref.repository(), tag(digest));
  }

  /**
   * The layers of a signature image's manifest, in order.
   *
   * @param raw the manifest
   * @return its layers
   * @throws IllegalArgumentException when it is not an image manifest with layers
   */
  public static List<Layer> layers(RawManifest raw) {
    if (!MediaTypes.isManifest(raw.mediaType())) {
      throw new IllegalArgumentException("it is a " + raw.mediaType() + ", not an image manifest");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(raw.bytes());
    } catch (IOException e) {
      throw new IllegalArgumentException("its manifest is not JSON");
    }
    List<Layer> out = new ArrayList<>();
    for (JsonNode l : root.path("layers")) {
      String digest = l.path("digest").asText("");
      long size = l.path("size").asLong(-1);
      if (!Digest.isDigest(digest) || size < 0) {
        throw new IllegalArgumentException("layer " + (out.size() + 1)
            + " has no valid digest or size");
      }
      Map<String, String> annotations = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : l.path("annotations").properties()) {
        if (e.getValue().isTextual()) {
          annotations.put(e.getKey(), e.getValue().asText());
        }
      }
      out.add(new Layer(l.path("mediaType").asText(""), Digest.parse(digest), size, annotations));
    }
    return out;
  }

  /** The config blob of a signature image with these layers (what containers/image writes). */
  public static byte[] config(List<Layer> layers) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("architecture", "");
    c.put("os", "");
    c.putObject("config");
    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    layers.forEach(l -> ids.add(l.digest().toString()));
    return bytes(c);
  }

  /**
   * The OCI manifest of a signature image.
   *
   * @param config the config blob's descriptor
   * @param layers the layers
   * @return the manifest
   */
  public static RawManifest manifest(Descriptor config, List<Layer> layers) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    ObjectNode c = m.putObject("config");
    c.put("mediaType", MediaTypes.OCI_CONFIG);
    c.put("size", config.size());
    c.put("digest", config.digest().toString());
    ArrayNode ls = m.putArray("layers");
    for (Layer l : layers) {
      ObjectNode n = ls.addObject();
      n.put("mediaType", l.mediaType());
      n.put("size", l.size());
      n.put("digest", l.digest().toString());
      if (!l.annotations().isEmpty()) {
        ObjectNode a = n.putObject("annotations");
        new java.util.TreeMap<>(l.annotations()).forEach(a::put);
      }
    }
    return RawManifest.of(MediaTypes.OCI_MANIFEST, bytes(m));
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return Json.MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
