package dev.hangar.registry.internal;

import java.util.Objects;

/**
 * What a registry request concerns, for error messages and for mapping a status to a code.
 *
 * @param kind what is asked for
 * @param registry the registry host as in references
 * @param repository the repository, or empty
 * @param reference a tag or digest, or empty
 */
public record Subject(Kind kind, String registry, String repository, String reference) {
  /** What a request is for. */
  public enum Kind {
    /** {@code GET /v2/}. */
    PING("registry"),
    /** A manifest, by tag or digest. */
    MANIFEST("manifest"),
    /** A blob. */
    BLOB("blob"),
    /** A blob upload (or mount). */
    UPLOAD("blob upload"),
    /** A manifest push. */
    MANIFEST_PUSH("manifest push"),
    /** A tag list. */
    TAGS("tag list"),
    /** The token endpoint. */
    TOKEN("token");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    /** The word used in messages. */
    public String word() {
      return word;
    }
  }

  /**
   * @param kind what is asked for
   * @param registry the registry
   * @param repository the repository, or empty
   * @param reference the reference, or empty
   */
  public Subject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(reference, "reference");
  }

  /** The same registry, repository and reference, for another kind of request. */
  public Subject as(Kind k) {
    return new Subject(k, registry, repository, reference);
  }

  /** {@code registry/repository:tag} or {@code registry/repository@digest}, as Docker prints. */
  public String display() {
    if (repository.isEmpty()) {
      return registry;
    }
    String name = registry + "/" + repository;
    if (reference.isEmpty()) {
      return name;
    }
    return name + (reference.startsWith("sha256:") ? "@" : ":") + reference;
  }

  /** {@code <kind> <display>}, the start of every message. */
  @Override
  public String toString() {
    return kind.word() + " " + display();
  }
}
