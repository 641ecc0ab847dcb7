package dev.hangar.daemon.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /_ping} told about the daemon.
 *
 * @param apiVersion the {@code Api-Version} header (e.g. {@code 1.41}); empty when absent or
 *     malformed, and then requests go to unversioned paths
 * @param osType the {@code Ostype} header (e.g. {@code linux})
 * @param experimental whether {@code Docker-Experimental} is {@code true}
 * @since 0.2
 */
public record EnginePing(Optional<String> apiVersion, Optional<String> osType,
    boolean experimental) {
  public EnginePing {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(osType, "osType");
  }
}
