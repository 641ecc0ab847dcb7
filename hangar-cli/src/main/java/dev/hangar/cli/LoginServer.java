package dev.hangar.cli;

import dev.hangar.registry.DockerConfig;
import dev.hangar.registry.Reference;

/**
 * The registry a {@code hangar login}/{@code logout} names, as the docker CLI reads its
 * {@code SERVER} argument: none (or {@code docker.io}) is Docker Hub, keyed
 * {@code https://index.docker.io/v1/}; any other is reduced to its host
 * ({@code https://host:port/path} is {@code host:port}).
 *
 * @param argument the argument as given, or empty
 * @param registry the registry host as in references ({@code docker.io}, {@code host:port})
 * @param display the name Docker prints: the Docker Hub key, else the host
 */
record LoginServer(String argument, String registry, String display) {
  /** The server of the argument ({@code null} or empty for Docker Hub). */
  static LoginServer of(String argument) {
    if (argument == null || argument.isEmpty() || argument.equals(Reference.DOCKER_HUB)
        || argument.equals(DockerConfig.DOCKER_HUB_KEY)) {
      return new LoginServer(DockerConfig.DOCKER_HUB_KEY, Reference.DOCKER_HUB,
          DockerConfig.DOCKER_HUB_KEY);
    }
    String host = hostname(argument);
    return new LoginServer(argument, host, host);
  }

  /** Whether this is Docker Hub. */
  boolean dockerHub() {
    return registry.equals(Reference.DOCKER_HUB);
  }

  /** Docker's {@code credentials.ConvertToHostname}: no scheme, nothing after the first slash. */
  static String hostname(String url) {
    String s = url;
    if (s.startsWith("http://")) {
      s = s.substring("http://".length());
    } else if (s.startsWith("https://")) {
      s = s.substring("https://".length());
    }
    int slash = s.indexOf('/');
    return slash < 0 ? s : s.substring(0, slash);
  }
}
