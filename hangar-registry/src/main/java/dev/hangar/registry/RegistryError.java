package dev.hangar.registry;

import java.util.Objects;

/**
 * One entry of a registry's error body, {@code {"errors":[{"code","message","detail"}]}}.
 *
 * @param code the distribution API's code, e.g. {@code MANIFEST_UNKNOWN}
 * @param message the registry's message
 * @param detail the {@code detail} value as JSON text, or empty
 * @since 0.1
 */
public record RegistryError(String code, String message, String detail) {
  /**
   * @param code the code
   * @param message the message
   * @param detail the detail as JSON, or empty
   */
  public RegistryError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(detail, "detail");
  }
}
