package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HangarRootTest {
  private static final Map<String, String> ALL = Map.of(
      "HANGAR_ROOT", "/env/root", "XDG_DATA_HOME", "/xdg", "HOME", "/home/u");

  @Test
  void anExplicitRootWinsOverEverything() {
    assertThat(HangarRoot.resolve(Optional.of(Path.of("/explicit")), ALL))
        .isEqualTo(Path.of("/explicit"));
  }

  @Test
  void thenTheHangarRootVariable() {
    assertThat(HangarRoot.resolve(Optional.empty(), ALL)).isEqualTo(Path.of("/env/root"));
  }

  @Test
  void thenXdgDataHome() {
    assertThat(HangarRoot.resolve(Optional.empty(),
        Map.of("HANGAR_ROOT", "", "XDG_DATA_HOME", "/xdg", "HOME", "/home/u")))
        .isEqualTo(Path.of("/xdg/hangar"));
  }

  @Test
  void thenTheHomeDirectory() {
    assertThat(HangarRoot.resolve(Optional.empty(), Map.of("HOME", "/home/u")))
        .isEqualTo(Path.of("/home/u/.local/share/hangar"));
  }

  @Test
  void aRelativeXdgDataHomeIsIgnored() {
    assertThat(HangarRoot.resolve(Optional.empty(),
        Map.of("XDG_DATA_HOME", "rel", "HOME", "/home/u")))
        .isEqualTo(Path.of("/home/u/.local/share/hangar"));
  }

  @Test
  void withoutHomeTheJavaUserHomeIsUsed() {
    assertThat(HangarRoot.resolve(Optional.empty(), Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".local/share/hangar").toAbsolutePath());
  }

  @Test
  void relativeRootsBecomeAbsolute() {
    assertThat(HangarRoot.resolve(Optional.of(Path.of("r")), Map.of()))
        .isEqualTo(Path.of("r").toAbsolutePath());
  }
}
