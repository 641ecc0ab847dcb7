package dev.hangar.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference to a manifest in a registry, {@code [registry/]repository[:tag][@digest]}, parsed
 * and normalised as Docker does: a first component without {@code .} or {@code :} that is not
 * {@code localhost} is part of the repository on {@code docker.io}, where a one-component name
 * gains {@code library/}; no tag and no digest means {@code latest}.
 *
 * @param registry the registry host, with a port when one was written ({@code docker.io},
 *     {@code 127.0.0.1:5000})
 * @param repository the repository path ({@code library/alpine}, {@code plugins/volume})
 * @param tag the tag, or empty when the reference pins a digest only
 * @param digest the pinned digest, or empty
 * @since 0.1
 */
public record Reference(String registry, String repository, Optional<String> tag,
    Optional<Digest> digest) {
  /** Docker Hub's name in references. */
  public static final String DOCKER_HUB = "docker.io";
  /** The tag a reference without tag or digest gets. */
  public static final String DEFAULT_TAG = "latest";

  private static final Pattern DOMAIN = Pattern.compile(
      "(?:\\[[0-9a-fA-F:.]+\\]|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
          + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]{1,5})?");
  private static final Pattern COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final int MAX_NAME = 255;

  /**
   * @param registry the registry host
   * @param repository the repository path
   * @param tag the tag, or empty
   * @param digest the digest, or empty
   * @throws IllegalArgumentException when a part breaks Docker's grammar, or both are empty
   */
  public Reference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
    if (!DOMAIN.matcher(registry).matches()) {
      throw new IllegalArgumentException("invalid registry host: " + registry);
    }
    checkRepository(repository);
    tag.ifPresent(t -> {
      if (!TAG.matcher(t).matches()) {
        throw new IllegalArgumentException("invalid tag " + t + ": [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
      }
    });
    if (tag.isEmpty() && digest.isEmpty()) {
      throw new IllegalArgumentException("a reference needs a tag or a digest");
    }
  }

  /**
   * Parses a reference as {@code docker pull} does.
   *
   * @param text e.g. {@code alpine}, {@code 127.0.0.1:5000/plugins/vol:1.0},
   *     {@code example.org/a/b@sha256:...}
   * @return the normalised reference
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Reference parse(String text) {
    Objects.requireNonNull(text, "text");
    String rest = text;
    Optional<Digest> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(Digest.parse(rest.substring(at + 1)));
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = Optional.of(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")
          || !first.toLowerCase(java.util.Locale.ROOT).equals(first)) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (rest.length() > MAX_NAME) {
      throw new IllegalArgumentException("repository name must not be longer than " + MAX_NAME
          + " characters: " + text);
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = Optional.of(DEFAULT_TAG);
    }
    try {
      return new Reference(registry, rest, tag, digest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid reference format: " + text + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * A reference by tag.
   *
   * @param registry the registry host
   * @param repository the repository
   * @param tag the tag
   * @return the reference
   */
  public static Reference ofTag(String registry, String repository, String tag) {
    return new Reference(registry, repository, Optional.of(tag), Optional.empty());
  }

  /**
   * A reference by digest.
   *
   * @param registry the registry host
   * @param repository the repository
   * @param digest the digest
   * @return the reference
   */
  public static Reference ofDigest(String registry, String repository, Digest digest) {
    return new Reference(registry, repository, Optional.empty(), Optional.of(digest));
  }

  /** This reference pinned to {@code d} (the tag is kept, for messages). */
  public Reference withDigest(Digest d) {
    return new Reference(registry, repository, tag, Optional.of(d));
  }

  /** What goes into {@code /v2/<name>/manifests/<reference>}: the digest if pinned, else the tag. */
  public String reference() {
    return digest.map(Digest::toString).orElseGet(tag::orElseThrow);
  }

  /** {@code registry/repository}. */
  public String name() {
    return registry + "/" + repository;
  }

  /** {@code registry/repository[:tag][@digest]}. */
  @Override
  public String toString() {
    return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }

  /**
   * Checks a repository path against Docker's grammar.
   *
   * @param repository the path
   * @throws IllegalArgumentException when it breaks the grammar
   */
  static void checkRepository(String repository) {
    if (repository.isEmpty() || repository.length() > MAX_NAME) {
      throw new IllegalArgumentException("invalid repository name: " + repository);
    }
    for (String c : repository.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) {
        throw new IllegalArgumentException("invalid repository name " + repository
            + ": components must be lowercase [a-z0-9] separated by '.', '_', '__' or '-'");
      }
    }
  }
}
