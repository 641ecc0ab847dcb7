package dev.hangar.registry;

import java.util.Objects;

/**
 * A repository on a registry, where blobs are pushed and pulled.
 *
 * @param registry the registry host as in references
 * @param name the repository path
 * @since 0.1
 */
public record Repository(String registry, String name) {
  /**
   * @param registry the registry host
   * @param name the repository path
   * @throws IllegalArgumentException when the name breaks Docker's grammar
   */
  public Repository {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(name, "name");
    Reference.checkRepository(name);
  }

  /** The repository of a reference. */
  public static Repository of(Reference ref) {
    return new Repository(ref.registry(), ref.repository());
  }

  /** A reference to {@code tag} in this repository. */
  public Reference tag(String tag) {
    return Reference.ofTag(registry, name, tag);
  }

  /** A reference to {@code digest} in this repository. */
  public Reference digest(Digest digest) {
    return Reference.ofDigest(registry, name, digest);
  }

  /** {@code registry/name}. */
  @Override
  public String toString() {
    return registry + "/" + name;
  }
}
