package dev.hangar.protocol.volume;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a volume driver can do: {@code {"Scope":"local"}}. Docker lower-cases the scope and uses
 * {@code local} when it is empty or unknown.
 *
 * @param scope {@link #LOCAL} or {@link #GLOBAL} ({@code ""} when absent)
 * @since 0.1
 */
public record Capability(@JsonProperty("Scope") String scope) {
  /** Volumes exist on this host only. */
  public static final String LOCAL = "local";

  /** Volumes are visible from every host of a cluster. */
  public static final String GLOBAL = "global";

  /** A null scope becomes {@code ""}. */
  public Capability {
    scope = scope == null ? "" : scope;
  }
}
