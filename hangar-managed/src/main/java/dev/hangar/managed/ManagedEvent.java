package dev.hangar.managed;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to a managed plugin, in the shape of a Docker event of type
 * {@code plugin}: {@code create}, {@code enable}, {@code disable}, {@code remove}, and Hangar's
 * {@code restart} and {@code failed}.
 *
 * @param action the action
 * @param id the plugin's ID
 * @param name the plugin's stored name ({@code x:latest})
 * @param time when it happened
 * @param attributes extra attributes ({@code name}, {@code kind}, a failure's {@code reason})
 * @since 0.2
 */
public record ManagedEvent(String action, String id, String name, Instant time,
    Map<String, String> attributes) {
  public ManagedEvent {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(time, "time");
    attributes = Map.copyOf(attributes);
  }
}
