package dev.hangar.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The stock {@code docker} CLI pointed at a Hangar daemon: {@code DOCKER_HOST=unix://<socket>},
 * its own empty {@code DOCKER_CONFIG} dir (so the user's config, contexts and credential helpers
 * are never read), and the variables that could redirect it (context, TLS, API version) blanked.
 * Every run has a deadline.
 */
final class DockerCli {
  /** The default deadline of one command. */
  static final Duration TIMEOUT = Duration.ofMinutes(1);

  private final Path docker;
  private final Path socket;
  private final Path config;

  private DockerCli(Path docker, Path socket, Path config) {
    this.docker = docker;
    this.socket = socket;
    this.config = config;
  }

  /**
   * A CLI talking to {@code socket}, with its config dir created under {@code configParent}.
   * Skips the test when no {@code docker} is on the PATH, except under {@code CI}.
   */
  static DockerCli at(Path socket, Path configParent) {
    Optional<Path> docker = find();
    if (docker.isEmpty()) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("CI is set but the docker CLI is not on the PATH");
      }
      Assumptions.abort("no docker CLI on the PATH");
    }
    try {
      Path config = Files.createDirectories(configParent.resolve("docker-config"));
      return new DockerCli(docker.get(), socket, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code docker} binary on the PATH, if any. */
  static Optional<Path> find() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(":")).filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, "docker")).filter(Files::isExecutable).findFirst();
  }

  /** The config dir the CLI uses. */
  Path configDir() {
    return config;
  }

  /** Runs {@code docker ARGS} with the default deadline. */
  Command.Result run(String... args) {
    return run(TIMEOUT, args);
  }

  /** Runs {@code docker ARGS}, failing the test when it outlives {@code limit}. */
  Command.Result run(Duration limit, String... args) {
    List<String> command = new ArrayList<>();
    command.add(docker.toString());
    command.addAll(List.of(args));
    Map<String, String> env = Map.of(
        "DOCKER_HOST", "unix://" + socket,
        "DOCKER_CONFIG", config.toString(),
        "DOCKER_CONTEXT", "",
        "DOCKER_TLS_VERIFY", "",
        "DOCKER_CERT_PATH", "",
        "DOCKER_API_VERSION", "",
        "DOCKER_CLI_HINTS", "false");
    return Command.run(command, config, env, limit);
  }
}
