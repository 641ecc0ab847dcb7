package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscoveryDirsTest {
  private static final Map<String, String> ENV = Map.of("HANGAR_ROOT", "/h");

  @Test
  void defaultsLiveUnderTheRoot() {
    DiscoveryDirs d = DiscoveryDirs.resolve(Optional.empty(), List.of(), List.of(), false, ENV);
    assertThat(d.socketDirs()).containsExactly(Path.of("/h/sockets"));
    assertThat(d.specDirs()).containsExactly(Path.of("/h/specs"));
  }

  @Test
  void explicitDirectoriesReplaceTheDefaultsKeepingTheirOrder() {
    DiscoveryDirs d = DiscoveryDirs.resolve(Optional.empty(),
        List.of(Path.of("/b"), Path.of("/a")), List.of(), false, ENV);
    assertThat(d.socketDirs()).containsExactly(Path.of("/b"), Path.of("/a"));
    assertThat(d.specDirs()).containsExactly(Path.of("/h/specs"));
    DiscoveryDirs s = DiscoveryDirs.resolve(Optional.of(Path.of("/r")), List.of(),
        List.of(Path.of("/s1"), Path.of("/s2")), false, ENV);
    assertThat(s.socketDirs()).containsExactly(Path.of("/r/sockets"));
    assertThat(s.specDirs()).containsExactly(Path.of("/s1"), Path.of("/s2"));
  }

  @Test
  void theDockerDirsFlagAppendsDockersDirectories() {
    DiscoveryDirs d = DiscoveryDirs.resolve(Optional.empty(), List.of(), List.of(), true, ENV);
    assertThat(d.socketDirs()).containsExactly(Path.of("/h/sockets"), Path.of("/run/docker/plugins"));
    assertThat(d.specDirs()).containsExactly(Path.of("/h/specs"), Path.of("/etc/docker/plugins"),
        Path.of("/usr/lib/docker/plugins"));
    assertThat(d.withDockerDirs()).isEqualTo(d);
  }

  @Test
  void relativeDirectoriesBecomeAbsolute() {
    DiscoveryDirs d = new DiscoveryDirs(List.of(Path.of("s")), List.of(Path.of("x/../d")));
    assertThat(d.socketDirs()).containsExactly(Path.of("s").toAbsolutePath());
    assertThat(d.specDirs()).containsExactly(Path.of("d").toAbsolutePath());
  }
}
