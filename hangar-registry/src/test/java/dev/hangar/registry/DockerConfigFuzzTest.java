package dev.hangar.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.FuzzFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what a registry lookup reads from Docker's client config: {@code config.json}
 * ({@code auths}, {@code credHelpers}, {@code credsStore}) and a credential helper's reply to
 * {@code get}. For any bytes a lookup gives credentials or none, or CREDENTIALS_INVALID, never
 * another exception; a file that reads takes a login and a logout as {@code docker login} and
 * {@code logout} do. Seeds are config files as the docker CLI writes them and helpers' replies
 * as {@code docker-credential-pass} and {@code -osxkeychain} print them.
 */
class DockerConfigFuzzTest {
  /** Registries looked up in every file: Docker Hub's key, a host with a port, a bare host. */
  private static final List<String> REGISTRIES =
      List.of("docker.io", "reg.example:5000", "ghcr.io");
  private static final String LOGIN = "reg.example:5000";

  /** The config's directory, without helpers on its path. */
  private static final Path CONFIG_DIR = directory("docker");
  /** A config naming the helper {@code docker-credential-fuzz}, which prints {@code reply}. */
  private static final Path HELPER_DIR = helperDirectory();

  @FuzzTest
  @Timeout(10)
  void configFile(byte[] input) {
    FuzzFiles.write("docker/config.json", input);
    DockerConfig config = DockerConfig.of(CONFIG_DIR, List.of());
    try {
      for (String r : REGISTRIES) {
        config.lookup(r).ifPresent(c -> assertThat(c).isNotNull());
      }
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_INVALID);
      assertThat(e.getMessage()).startsWith(config.file().toString());
      return;
    }
    Credentials alice = new Credentials.Basic("alice", "s3cret:x");
    config.store(LOGIN, alice);
    assertThat(config.lookup(LOGIN)).contains(alice);
    assertThat(config.erase(LOGIN)).isTrue();
    assertThat(config.lookup(LOGIN)).isEmpty();
  }

  @FuzzTest
  @Timeout(10)
  void helperReply(byte[] input) {
    FuzzFiles.write("helper/reply", input);
    DockerConfig config = DockerConfig.of(HELPER_DIR, List.of(HELPER_DIR));
    try {
      Optional<Credentials> c = config.lookup(LOGIN);
      c.ifPresent(x -> assertThat(x).isNotNull());
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_INVALID);
      assertThat(e.getMessage()).startsWith("error getting credentials with ");
    }
  }

  private static Path directory(String name) {
    try {
      return Files.createDirectories(FuzzFiles.fresh(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path helperDirectory() {
    Path dir = directory("helper");
    FuzzFiles.write("helper/config.json", ("{\"credsStore\": \"fuzz\", \"auths\": {\"" + LOGIN
        + "\": {}}}").getBytes(StandardCharsets.UTF_8));
    Path helper = FuzzFiles.write("helper/docker-credential-fuzz", ("#!/bin/sh\nexec cat '"
        + dir.resolve("reply") + "'\n").getBytes(StandardCharsets.UTF_8));
    try {
      Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
