package dev.hangar.internal.discovery;

import static dev.hangar.testkit.ShortTempDir.deadSocket;
import static dev.hangar.testkit.ShortTempDir.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.testkit.ShortTempDir;

import dev.hangar.DiscoveredPlugin;
import dev.hangar.DiscoveredPlugin.Kind;
import dev.hangar.DiscoveryDirs;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.PluginNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private final ShortTempDir tmp = new ShortTempDir();
  private final Path s1 = tmp.resolve("s1");
  private final Path s2 = tmp.resolve("s2");
  private final Path d1 = tmp.resolve("d1");
  private final Path d2 = tmp.resolve("d2");
  private final Discovery discovery =
      new Discovery(new DiscoveryDirs(List.of(s1, s2), List.of(d1, d2)));

  @AfterEach
  void cleanUp() throws IOException {
    tmp.close();
  }

  @Test
  void looksUpEveryCandidateKindInDockersOrderAcrossDirectories() throws IOException {
    List<Path> expected = new ArrayList<>();
    for (Path s : List.of(s1, s2)) {
      expected.add(deadSocket(s.resolve("p.sock")));
      expected.add(deadSocket(s.resolve("p/p.sock")));
    }
    int port = 9000;
    for (Path d : List.of(d1, d2)) {
      expected.add(write(d.resolve("p.spec"), "tcp://127.0.0.1:" + port++));
      expected.add(write(d.resolve("p/p.spec"), "tcp://127.0.0.1:" + port++));
      expected.add(write(d.resolve("p.json"), "{\"Addr\":\"tcp://127.0.0.1:" + port++ + "\"}"));
      expected.add(write(d.resolve("p/p.json"), "{\"Addr\":\"tcp://127.0.0.1:" + port++ + "\"}"));
    }
    for (Path want : expected) {
      DiscoveredPlugin found = discovery.lookup("p");
      assertThat(found.source()).isEqualTo(want);
      assertThat(found.name()).isEqualTo("p");
      String file = want.getFileName().toString();
      Kind kind = file.endsWith(".sock") ? Kind.SOCKET : file.endsWith(".spec") ? Kind.SPEC : Kind.JSON;
      assertThat(found.kind()).isEqualTo(kind);
      if (kind == Kind.SOCKET) {
        assertThat(found.address()).isEqualTo(new PluginAddress.Unix(want));
      } else {
        assertThat(found.address().url()).startsWith("tcp://127.0.0.1:9");
      }
      Files.delete(want);
    }
    assertThatThrownBy(() -> discovery.lookup("p")).isInstanceOf(PluginNotFoundException.class)
        .hasMessageContaining("plugin p not found");
    assertThat(discovery.find("p")).isEmpty();
  }

  @Test
  void specFilesComeInTheOrderSpecNestedSpecJsonNestedJsonPerDirectory() {
    write(d2.resolve("p.spec"), "tcp://127.0.0.1:2");
    write(d1.resolve("p/p.json"), "{\"Addr\":\"tcp://127.0.0.1:1\"}");
    assertThat(discovery.lookup("p").source()).isEqualTo(d1.resolve("p/p.json"));
  }

  @Test
  void filesInSocketDirectoriesThatAreNotSocketsAreSkipped() {
    write(s1.resolve("p.sock"), "not a socket");
    Path sock = deadSocket(s2.resolve("p/p.sock"));
    assertThat(discovery.lookup("p").source()).isEqualTo(sock);
    write(s1.resolve("q.sock"), "not a socket");
    assertThat(discovery.find("q")).isEmpty();
  }

  @Test
  void specFilesAreFoundWhateverTheirNeighbours() {
    write(d1.resolve("p.spec"), "  unix:///run/p.sock \n");
    DiscoveredPlugin p = discovery.lookup("p");
    assertThat(p.address()).isEqualTo(new PluginAddress.Unix(Path.of("/run/p.sock")));
    assertThat(p.kind()).isEqualTo(Kind.SPEC);
  }

  @Test
  void rejectsInvalidNamesBeforeTouchingTheFileSystem() {
    write(tmp.resolve("etc/passwd.spec"), "tcp://127.0.0.1:1");
    assertThatThrownBy(() -> discovery.lookup("../etc/passwd"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLUGIN_NAME));
    assertThatThrownBy(() -> discovery.find("..")).isInstanceOf(HangarException.class);
  }

  @Test
  void aBadFirstCandidateFailsTheLookupInsteadOfFallingThrough() {
    Path bad = write(d1.resolve("p.spec"), "");
    write(d1.resolve("p.json"), "{\"Addr\":\"tcp://127.0.0.1:1\"}");
    assertThatThrownBy(() -> discovery.lookup("p")).hasMessageContaining(bad.toString());
  }
}
