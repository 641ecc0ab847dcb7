package dev.hangar.registry;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry operation failed. Its message names the registry, the repository and the reference
 * (tag or digest) it concerned; the registry's own error entries, if it sent any, are kept.
 *
 * @since 0.1
 */
public final class RegistryException extends HangarException {
  private static final long serialVersionUID = 1L;

  private final String registry;
  private final String repository;
  private final String reference;
  private final int status;
  private final transient List<RegistryError> errors;

  /**
   * @param code the stable code
   * @param message the full message (naming registry, repository and reference)
   * @param registry the registry host
   * @param repository the repository, or empty
   * @param reference the tag or digest, or empty
   * @param status the HTTP status the registry answered, or 0 when none was received
   * @param errors the registry's error entries
   * @param cause the underlying failure, or null
   */
  public RegistryException(ErrorCode code, String message, String registry, String repository,
      String reference, int status, List<RegistryError> errors, Throwable cause) {
    super(code, message, cause);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /** The registry host. */
  public String registry() {
    return registry;
  }

  /** The repository, or an empty string for a registry-wide operation. */
  public String repository() {
    return repository;
  }

  /** The tag or digest, or an empty string when the operation had none. */
  public String reference() {
    return reference;
  }

  /** The HTTP status the registry answered with, when it answered. */
  public Optional<Integer> status() {
    return status == 0 ? Optional.empty() : Optional.of(status);
  }

  /** The registry's error entries, possibly none. */
  public List<RegistryError> errors() {
    return errors == null ? List.of() : errors;
  }
}
