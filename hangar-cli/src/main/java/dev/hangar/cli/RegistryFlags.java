package dev.hangar.cli;

import dev.hangar.daemon.RegistryOptions;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.RegistryClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a command reaches registries, as dockerd's flags arrange it: the daemon's, and those of
 * the commands that speak to a registry themselves ({@code login}, {@code push --jar|--exec},
 * {@code --sign-key}, {@code --verify-key}). A picocli mixin.
 */
final class RegistryFlags {
  @Option(names = "--registry-ca", paramLabel = "FILE",
      description = "A PEM CA file trusted for every registry, besides the system's roots "
          + "(repeatable).")
  List<Path> registryCas = new ArrayList<>();

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "A registry spoken to over plain http or without certificate checks, as "
          + "dockerd's flag (repeatable; loopback registries need not be named).")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(names = "--registry-certs-dir", paramLabel = "DIR",
      description = "Docker's per-registry TLS directory, <DIR>/<host:port>/{ca.crt,client.cert,"
          + "client.key} (default /etc/docker/certs.d).")
  Path registryCertsDir;

  /** The options, with {@code dockerConfig} as the directory of the credentials. */
  RegistryOptions options(Optional<Path> dockerConfig) {
    return new RegistryOptions(registryCertsDir != null ? registryCertsDir.toAbsolutePath()
        : RegistryOptions.defaults().certsDir(),
        registryCas.stream().map(Path::toAbsolutePath).toList(), insecureRegistries,
        dockerConfig.map(Path::toAbsolutePath));
  }

  /** A client with these flags and the credentials of the user's Docker config. */
  RegistryClient client(CliContext ctx) {
    return client(UserDockerConfig.of(ctx));
  }

  /** A client with these flags and {@code credentials}. */
  RegistryClient client(CredentialSource credentials) {
    return options(Optional.empty()).client(credentials);
  }
}
