package dev.hangar.protocol.volume;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code VolumeDriver.Unmount}: {@code {"Name":"v1","ID":"<caller id>"}}.
 *
 * @param name the volume name ({@code ""} when absent)
 * @param id who stops using the volume (Docker sends a container-specific id), {@code ""} when
 *     absent
 * @since 0.1
 */
public record UnmountRequest(@JsonProperty("Name") String name, @JsonProperty("ID") String id) {
  /** Null values become {@code ""}. */
  public UnmountRequest {
    name = name == null ? "" : name;
    id = id == null ? "" : id;
  }
}
