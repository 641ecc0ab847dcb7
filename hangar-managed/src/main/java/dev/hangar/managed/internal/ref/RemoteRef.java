package dev.hangar.managed.internal.ref;

import dev.hangar.registry.Reference;
import java.util.Objects;

/**
 * The remote of a pull or upgrade, as moby's plugin router reads {@code remote} and
 * {@code name} ({@code parseRemoteRef}, {@code getName}).
 *
 * @param registry what to ask the registry for: the tag, or only the digest when one is pinned
 * @param pluginReference {@code PluginReference}: the fully qualified remote
 *     ({@code docker.io/vieux/sshfs:latest}, {@code 127.0.0.1:5000/a/b@sha256:…})
 * @param localName the stored name: {@code name} normalised when given, else the remote's
 *     familiar name with its tag ({@code latest} when it had none)
 */
public record RemoteRef(Reference registry, String pluginReference, String localName) {
  public RemoteRef {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(pluginReference, "pluginReference");
    Objects.requireNonNull(localName, "localName");
  }
}
