package dev.hangar.daemon;

import dev.hangar.managed.ManagedSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code hangar daemon} runs.
 *
 * @param managed the managed plugins' settings (root, runtime, timeouts, logs)
 * @param hosts where to listen: {@code unix:///path} (mode 0660) or {@code tcp://host:port} (only
 *     with {@code tls}); empty for {@link #defaultHost}
 * @param tls mutual TLS for TCP listeners ({@code --tlsverify --tlscacert --tlscert --tlskey})
 * @param registries how registries are reached (TLS, insecure registries, default credentials);
 *     unused when {@link ManagedSettings#registry()} gives a client
 * @since 0.2
 */
public record DaemonOptions(ManagedSettings managed, List<URI> hosts, Optional<Tls> tls,
    RegistryOptions registries) {
  public DaemonOptions {
    Objects.requireNonNull(managed, "managed");
    hosts = List.copyOf(hosts);
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(registries, "registries");
  }

  /** Options with Docker's registry defaults. */
  public DaemonOptions(ManagedSettings managed, List<URI> hosts, Optional<Tls> tls) {
    this(managed, hosts, tls, RegistryOptions.defaults());
  }

  /**
   * The files of mutual TLS, named as dockerd names its flags.
   *
   * @param caCert {@code --tlscacert}: clients must present a certificate it signed
   * @param cert {@code --tlscert}
   * @param key {@code --tlskey}
   */
  public record Tls(Path caCert, Path cert, Path key) {
    public Tls {
      Objects.requireNonNull(caCert, "caCert");
      Objects.requireNonNull(cert, "cert");
      Objects.requireNonNull(key, "key");
    }
  }

  /** The default listener of a root: {@code unix://<root>/hangar.sock}. */
  public static URI defaultHost(Path root) {
    return URI.create("unix://" + root.toAbsolutePath().normalize().resolve("hangar.sock"));
  }

  /** The listeners in effect: {@link #hosts}, else {@link #defaultHost}. */
  public List<URI> effectiveHosts() {
    return hosts.isEmpty() ? List.of(defaultHost(managed.root())) : hosts;
  }
}
