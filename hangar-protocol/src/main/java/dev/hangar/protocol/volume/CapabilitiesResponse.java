package dev.hangar.protocol.volume;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The reply to {@code VolumeDriver.Capabilities}: {@code {"Capabilities":{"Scope":"local"}}}.
 *
 * @param capabilities the driver's capabilities, never null
 * @since 0.1
 */
public record CapabilitiesResponse(@JsonProperty("Capabilities") Capability capabilities) {
  /** A null capability becomes one with an empty scope (Docker then assumes {@code local}). */
  public CapabilitiesResponse {
    capabilities = capabilities == null ? new Capability("") : capabilities;
  }

  /** A reply with the given scope, e.g. {@link Capability#LOCAL}. */
  public static CapabilitiesResponse scope(String scope) {
    return new CapabilitiesResponse(new Capability(scope));
  }
}
