package dev.hangar.managed;

import dev.hangar.registry.CredentialSource;
import java.util.List;
import java.util.Objects;

/**
 * What to pull and what its installer granted ({@code POST /plugins/pull}).
 *
 * @param remote the reference, normalised as Docker does ({@code vieux/sshfs},
 *     {@code 127.0.0.1:5000/team/gp:1.0}, {@code name@sha256:…} pins a digest)
 * @param name the local name ({@code --alias}), or {@code ""} for the remote's
 * @param granted the privileges granted; they must be exactly those the plugin asks for (as
 *     moby's {@code validatePrivileges}: same names and values, order and descriptions aside)
 * @param credentials the registry credentials of this call (the daemon's
 *     {@code X-Registry-Auth}); {@link CredentialSource#NONE} for the registry client's own
 * @since 0.3
 */
public record PullRequest(String remote, String name, List<Privilege> granted,
    CredentialSource credentials) {
  public PullRequest {
    Objects.requireNonNull(remote, "remote");
    name = Objects.requireNonNullElse(name, "");
    granted = List.copyOf(granted);
    Objects.requireNonNull(credentials, "credentials");
  }

  /** A pull of {@code remote} under its own name with the client's credentials. */
  public static PullRequest of(String remote, List<Privilege> granted) {
    return new PullRequest(remote, "", granted, CredentialSource.NONE);
  }

  /** This request under another local name. */
  public PullRequest withName(String n) {
    return new PullRequest(remote, n, granted, credentials);
  }

  /** This request with the call's credentials. */
  public PullRequest withCredentials(CredentialSource c) {
    return new PullRequest(remote, name, granted, c);
  }
}
