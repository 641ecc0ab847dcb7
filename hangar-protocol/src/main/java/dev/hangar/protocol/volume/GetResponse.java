package dev.hangar.protocol.volume;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The reply to {@code VolumeDriver.Get}: {@code {"Volume":{...}}}. {@code "Volume"} is always sent;
 * {@code "Volume":null} makes Docker report "no such volume".
 *
 * @param volume the volume, or null when the driver does not know it
 * @since 0.1
 */
public record GetResponse(
    @JsonProperty("Volume") @JsonInclude(JsonInclude.Include.ALWAYS) Volume volume) {

  /** The volume, when there is one. */
  public Optional<Volume> found() {
    return Optional.ofNullable(volume);
  }
}
