package dev.hangar.protocol.volume;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code VolumeDriver.Create}: {@code {"Name":"v1","Opts":{"size":"1G"}}}.
 *
 * <p>As Docker's daemon does, {@code "Opts"} is always sent, as {@code null} when there are no
 * options; an empty map and {@code null} mean the same thing, and {@link #opts()} is never null.
 *
 * @param name the volume name ({@code ""} when absent)
 * @param opts the driver options, in the order given; never null
 * @since 0.1
 */
public record CreateRequest(
    @JsonProperty("Name") String name,
    @JsonProperty("Opts") @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonSerialize(using = EmptyMapAsNull.class) Map<String, String> opts) {

  /** Normalises absent values: a null name becomes {@code ""}, null options an empty map. */
  public CreateRequest {
    name = name == null ? "" : name;
    opts = opts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(opts));
  }

  /** A request without options ({@code "Opts":null} on the wire). */
  public CreateRequest(String name) {
    this(name, null);
  }
}
