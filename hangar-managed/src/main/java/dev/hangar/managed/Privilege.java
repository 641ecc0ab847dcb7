package dev.hangar.managed;

import java.util.List;
import java.util.Objects;

/**
 * One privilege a managed plugin asks for, as Docker's {@code computePrivileges} lists them.
 *
 * @param name e.g. {@code network}
 * @param description e.g. {@code permissions to access a network}
 * @param value e.g. {@code [host]}
 * @since 0.2
 */
public record Privilege(String name, String description, List<String> value) {
  public Privilege {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    value = List.copyOf(value);
  }
}
