package dev.hangar.protocol.volume;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The reply to {@code VolumeDriver.Path}: {@code {"Mountpoint":"/path"}}, {@code Mountpoint}
 * always sent, as Docker's SDK does.
 *
 * @param mountpoint where the volume is on the host, or {@code ""}
 * @since 0.1
 */
public record PathResponse(@JsonProperty("Mountpoint") String mountpoint) {
  /** A null mountpoint becomes {@code ""}. */
  public PathResponse {
    mountpoint = mountpoint == null ? "" : mountpoint;
  }
}
