package dev.hangar.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.Digest;
import dev.hangar.registry.ImageManifest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.Platform;
import dev.hangar.registry.RawManifest;
import dev.hangar.registry.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads manifests, lists and OCI indexes, refusing anything malformed with MANIFEST_INVALID. */
public final class Manifests {
  private Manifests() {}

  /**
   * The media type of manifest bytes: the body's {@code mediaType}, else the
   * {@code Content-Type} the registry sent.
   *
   * @param s what the manifest is
   * @param contentType the {@code Content-Type} header, or empty
   * @param bytes the bytes
   * @return a media type {@link MediaTypes} knows
   * @throws RegistryException (MANIFEST_INVALID) for schema 1, non-JSON or an unknown type
   */
  public static String mediaType(Subject s, Optional<String> contentType, byte[] bytes) {
    JsonNode n = tree(s, bytes);
    int version = n.path("schemaVersion").asInt(-1);
    if (version == 1) {
      throw ErrorMapper.invalidManifest(s, "Docker schema 1 manifests are not supported");
    }
    if (version != 2) {
      throw ErrorMapper.invalidManifest(s, "schemaVersion is " + n.path("schemaVersion")
          + ", not 2");
    }
    String type = n.path("mediaType").asText("");
    if (type.isEmpty()) {
      type = contentType.map(c -> c.split(";", 2)[0].strip()).orElse("");
    }
    if (!MediaTypes.isManifest(type) && !MediaTypes.isIndex(type)) {
      throw ErrorMapper.invalidManifest(s, "unknown manifest media type \"" + type
          + "\" (expected one of " + String.join(", ", MediaTypes.MANIFESTS) + ", "
          + String.join(", ", MediaTypes.INDEXES) + ")");
    }
    return type;
  }

  /**
   * Parses an image manifest.
   *
   * @param s what the manifest is
   * @param raw its bytes
   * @param index the list it was picked from, or empty
   * @return the manifest
   * @throws RegistryException (MANIFEST_INVALID) when it is malformed or a list
   */
  public static ImageManifest image(Subject s, RawManifest raw, Optional<RawManifest> index) {
    if (!MediaTypes.isManifest(raw.mediaType())) {
      throw ErrorMapper.invalidManifest(s, "is a " + raw.mediaType() + ", not an image manifest");
    }
    JsonNode n = tree(s, raw.bytes());
    if (n.has("manifests")) {
      throw ErrorMapper.invalidManifest(s, "declares " + raw.mediaType()
          + " but has \"manifests\" like an index");
    }
    Descriptor config = descriptor(s, n.path("config"), "config");
    JsonNode layers = n.path("layers");
    if (!layers.isArray()) {
      throw ErrorMapper.invalidManifest(s, "\"layers\" is missing or not an array");
    }
    List<Descriptor> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      out.add(descriptor(s, layers.get(i), "layers[" + i + "]"));
    }
    String artifact = n.path("artifactType").asText("");
    return new ImageManifest(raw, config, out,
        artifact.isEmpty() ? Optional.empty() : Optional.of(artifact), index);
  }

  /**
   * The entries of a manifest list or OCI index.
   *
   * @param s what the list is
   * @param raw its bytes
   * @return its entries
   * @throws RegistryException (MANIFEST_INVALID) when it is malformed
   */
  public static List<Descriptor> entries(Subject s, RawManifest raw) {
    JsonNode ms = tree(s, raw.bytes()).path("manifests");
    if (!ms.isArray()) {
      throw ErrorMapper.invalidManifest(s, "\"manifests\" is missing or not an array");
    }
    List<Descriptor> out = new ArrayList<>();
    for (int i = 0; i < ms.size(); i++) {
      out.add(descriptor(s, ms.get(i), "manifests[" + i + "]"));
    }
    return out;
  }

  /**
   * The first entry of a list for {@code platform}, as Docker picks one.
   *
   * @param s what the list is
   * @param raw its bytes
   * @param platform the platform wanted
   * @return the entry
   * @throws RegistryException (MANIFEST_NOT_FOUND) when none matches
   */
  public static Descriptor pick(Subject s, RawManifest raw, Platform platform) {
    for (Descriptor d : entries(s, raw)) {
      if (d.platform().isPresent() && platform.matches(d.platform().get())
          && MediaTypes.isManifest(d.mediaType())) {
        return d;
      }
    }
    throw ErrorMapper.of(ErrorCode.MANIFEST_NOT_FOUND, s, "no matching manifest for "
        + platform + " in the manifest list entries");
  }

  private static Descriptor descriptor(Subject s, JsonNode d, String where) {
    if (!d.isObject()) {
      throw ErrorMapper.invalidManifest(s, where + " is missing or not an object");
    }
    String type = d.path("mediaType").asText("");
    if (type.isEmpty()) {
      throw ErrorMapper.invalidManifest(s, where + ".mediaType is missing");
    }
    String digest = d.path("digest").asText("");
    if (!Digest.isDigest(digest)) {
      throw ErrorMapper.invalidManifest(s, where + ".digest is not a sha256 digest: \""
          + digest + "\"");
    }
    JsonNode size = d.path("size");
    if (!size.canConvertToExactIntegral() || !size.canConvertToLong() || size.asLong() < 0) {
      throw ErrorMapper.invalidManifest(s, where + ".size is missing or not a size: " + size);
    }
    Optional<Platform> platform = Optional.empty();
    JsonNode p = d.get("platform");
    if (p != null && p.isObject()) {
      String variant = p.path("variant").asText("");
      platform = Optional.of(new Platform(p.path("os").asText(""),
          p.path("architecture").asText(""),
          variant.isEmpty() ? Optional.empty() : Optional.of(variant)));
    }
    return new Descriptor(type, Digest.parse(digest), size.asLong(), platform);
  }

  private static JsonNode tree(Subject s, byte[] bytes) {
    try {
      JsonNode n = Json.MAPPER.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw ErrorMapper.invalidManifest(s, "is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw ErrorMapper.invalidManifest(s, "is not JSON: "
          + (e instanceof com.fasterxml.jackson.core.JacksonException je
              ? je.getOriginalMessage() : e.getMessage()));
    }
  }
}
