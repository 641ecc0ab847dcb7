package dev.hangar.cli;

import dev.hangar.registry.DockerConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's Docker config as the docker CLI finds it, from the command's environment:
 * {@code $DOCKER_CONFIG/config.json}, else {@code $HOME/.docker/config.json}, with credential
 * helpers looked up on {@code $PATH}.
 */
final class UserDockerConfig {
  private UserDockerConfig() {}

  static DockerConfig of(CliContext ctx) {
    String dir = ctx.env().get("DOCKER_CONFIG");
    String home = ctx.env().getOrDefault("HOME", System.getProperty("user.home"));
    Path d = dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(home, ".docker");
    String path = ctx.env().get("PATH");
    if (path == null) {
      return DockerConfig.of(d, DockerConfig.pathFromEnvironment());
    }
    List<Path> helpers = new ArrayList<>();
    for (String p : path.split(File.pathSeparator)) {
      if (!p.isEmpty()) {
        helpers.add(Path.of(p));
      }
    }
    return DockerConfig.of(d, helpers);
  }
}
