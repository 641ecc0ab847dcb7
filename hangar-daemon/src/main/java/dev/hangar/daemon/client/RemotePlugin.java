package dev.hangar.daemon.client;

import dev.hangar.managed.Privilege;
import java.util.List;
import java.util.Objects;

/**
 * A plugin image in a registry as {@code GET /hangar/v1/remote} describes it.
 *
 * @param digest its manifest's digest ({@code Digest})
 * @param name the stored name a pull of it gets ({@code Name})
 * @param privileges what it asks for ({@code Privileges})
 * @since 0.3
 */
public record RemotePlugin(String digest, String name, List<Privilege> privileges) {
  public RemotePlugin {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(name, "name");
    privileges = List.copyOf(privileges);
  }
}
