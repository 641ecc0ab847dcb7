package dev.hangar.examples.volume;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What survives a restart of the plugin about one volume, stored as {@code volume.json}.
 *
 * @param schemaVersion the file format, {@value #SCHEMA_VERSION}
 * @param name the volume name
 * @param createdAt when it was created, RFC 3339
 * @param options the options given to Create, sorted by key
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record VolumeRecord(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("name") String name,
    @JsonProperty("createdAt") String createdAt,
    @JsonProperty("options") Map<String, String> options) {

  static final int SCHEMA_VERSION = 1;

  VolumeRecord {
    options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
  }
}
