package dev.hangar.daemon;

import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.DockerConfig;
import dev.hangar.registry.RegistryClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the daemon reaches registries, as dockerd's flags arrange it.
 *
 * @param certsDir Docker's per-registry TLS directory ({@code <dir>/<host:port>/ca.crt},
 *     {@code client.cert}, {@code client.key}); default {@code /etc/docker/certs.d}
 * @param extraCas CA files trusted for every registry besides the system's ({@code --registry-ca})
 * @param insecure registries ({@code host[:port]}) spoken to over plain http or without
 *     certificate checks ({@code --insecure-registry}); loopback registries need not be named
 * @param dockerConfig the directory of the Docker {@code config.json} whose credentials (and
 *     helpers) serve requests that carry no {@code X-Registry-Auth}; empty for
 *     {@code $DOCKER_CONFIG}, else {@code ~/.docker}
 * @since 0.3
 */
public record RegistryOptions(Path certsDir, List<Path> extraCas, List<String> insecure,
    Optional<Path> dockerConfig) {
  public RegistryOptions {
    Objects.requireNonNull(certsDir, "certsDir");
    extraCas = List.copyOf(extraCas);
    insecure = List.copyOf(insecure);
    Objects.requireNonNull(dockerConfig, "dockerConfig");
  }

  /** Docker's defaults. */
  public static RegistryOptions defaults() {
    return new RegistryOptions(RegistryClient.Builder.DOCKER_CERTS_DIR, List.of(), List.of(),
        Optional.empty());
  }

  /** The credentials of requests without {@code X-Registry-Auth}. */
  public CredentialSource credentials() {
    return dockerConfig.<CredentialSource>map(d -> DockerConfig.of(d,
        DockerConfig.pathFromEnvironment())).orElseGet(DockerConfig::fromEnvironment);
  }

  /** A client with these options. */
  public RegistryClient client() {
    return client(credentials());
  }

  /** A client with these options' trust and {@code credentials}. */
  public RegistryClient client(CredentialSource credentials) {
    RegistryClient.Builder b = RegistryClient.builder().certsDir(certsDir)
        .credentials(credentials);
    extraCas.forEach(b::extraCa);
    insecure.forEach(b::insecureRegistry);
    return b.build();
  }
}
