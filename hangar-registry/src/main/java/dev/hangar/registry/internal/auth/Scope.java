package dev.hangar.registry.internal.auth;

import java.util.List;
import java.util.TreeSet;

/**
 * The token scopes a request needs, e.g. {@code repository:plugins/vol:pull,push} and, for a
 * cross-repository mount, {@code repository:plugins/base:pull}.
 *
 * @param scopes the scope strings, sorted and without duplicates
 */
public record Scope(List<String> scopes) {
  /** No repository: the ping and registry-wide requests. */
  public static final Scope NONE = new Scope(List.of());

  /**
   * @param scopes the scope strings
   */
  public Scope {
    scopes = List.copyOf(new TreeSet<>(scopes));
  }

  /** {@code repository:<name>:pull}. */
  public static Scope pull(String repository) {
    return new Scope(List.of("repository:" + repository + ":pull"));
  }

  /** {@code repository:<name>:pull,push}. */
  public static Scope push(String repository) {
    return new Scope(List.of("repository:" + repository + ":pull,push"));
  }

  /** This scope and {@code other}'s. */
  public Scope and(Scope other) {
    List<String> all = new java.util.ArrayList<>(scopes);
    all.addAll(other.scopes);
    return new Scope(all);
  }

  /** The cache key: the scopes joined by spaces. */
  public String key() {
    return String.join(" ", scopes);
  }
}
