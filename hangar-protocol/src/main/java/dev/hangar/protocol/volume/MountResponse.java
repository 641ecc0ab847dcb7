package dev.hangar.protocol.volume;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The reply to {@code VolumeDriver.Mount}: {@code {"Mountpoint":"/path"}}, {@code Mountpoint}
 * always sent, as Docker's SDK does.
 *
 * @param mountpoint where the volume is mounted on the host
 * @since 0.1
 */
public record MountResponse(@JsonProperty("Mountpoint") String mountpoint) {
  /** A null mountpoint becomes {@code ""}. */
  public MountResponse {
    mountpoint = mountpoint == null ? "" : mountpoint;
  }
}
