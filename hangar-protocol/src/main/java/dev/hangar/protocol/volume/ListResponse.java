package dev.hangar.protocol.volume;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The reply to {@code VolumeDriver.List}: {@code {"Volumes":[{"Name":"v1","Mountpoint":"/p"}]}}.
 * An empty list is sent as {@code []} (Docker's SDK may send {@code null}; Docker treats both
 * alike).
 *
 * @param volumes the volumes, never null
 * @since 0.1
 */
public record ListResponse(@JsonProperty("Volumes") List<Volume> volumes) {
  /** Copies the list; null becomes empty. */
  public ListResponse {
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }
}
