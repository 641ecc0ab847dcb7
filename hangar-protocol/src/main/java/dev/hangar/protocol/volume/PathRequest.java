package dev.hangar.protocol.volume;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code VolumeDriver.Path}: {@code {"Name":"v1"}}.
 *
 * @param name the volume name ({@code ""} when absent)
 * @since 0.1
 */
public record PathRequest(@JsonProperty("Name") String name) {
  /** A null name becomes {@code ""}. */
  public PathRequest {
    name = name == null ? "" : name;
  }
}
