package dev.hangar.managed;

import java.util.List;
import java.util.Objects;

/**
 * A plugin image in a registry, as far as an install needs it before pulling.
 *
 * @param digest its manifest's digest, {@code sha256:…}
 * @param privileges what its config asks for, as Docker's {@code computePrivileges}
 * @since 0.3
 */
public record RemoteImage(String digest, List<Privilege> privileges) {
  public RemoteImage {
    Objects.requireNonNull(digest, "digest");
    privileges = List.copyOf(privileges);
  }
}
