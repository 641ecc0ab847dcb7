package dev.hangar.internal.discovery;

import static dev.hangar.testkit.ShortTempDir.deadSocket;
import static dev.hangar.testkit.ShortTempDir.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hangar.DiscoveredPlugin.Kind;
import dev.hangar.DiscoveredPlugin;
import dev.hangar.DiscoveryDirs;
import dev.hangar.ScanResult;
import dev.hangar.protocol.SpecFileException;
import dev.hangar.testkit.Fifos;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScanTest {
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

  private static List<String> names(ScanResult r) {
    return r.plugins().stream().map(DiscoveredPlugin::name).toList();
  }

  @Test
  void listsEveryNameOnceSortedByNameWithTheFirstInLookupOrderWinning() {
    write(d2.resolve("zeta.json"), "{\"Addr\":\"tcp://127.0.0.1:1\"}");
    write(d1.resolve("alpha.spec"), "tcp://127.0.0.1:2");
    Path sock = deadSocket(s2.resolve("mid/mid.sock"));
    write(d1.resolve("mid.spec"), "tcp://127.0.0.1:3");
    write(d2.resolve("alpha.spec"), "tcp://127.0.0.1:4");
    Path nestedJson = write(d1.resolve("beta/beta.json"), "{\"Addr\":\"tcp://127.0.0.1:5\"}");
    write(d2.resolve("beta.spec"), "tcp://127.0.0.1:6");

    ScanResult r = discovery.scan();

    assertThat(r.problems()).isEmpty();
    assertThat(names(r)).containsExactly("alpha", "beta", "mid", "zeta");
    assertThat(r.plugin("alpha").orElseThrow().source()).isEqualTo(d1.resolve("alpha.spec"));
    assertThat(r.plugin("beta").orElseThrow().source()).isEqualTo(nestedJson);
    assertThat(r.plugin("mid").orElseThrow().source()).isEqualTo(sock);
    assertThat(r.plugin("mid").orElseThrow().kind()).isEqualTo(Kind.SOCKET);
    for (DiscoveredPlugin p : r.plugins()) {
      assertThat(discovery.lookup(p.name())).isEqualTo(p);
    }
  }

  @Test
  void oneBadFileNeverHidesTheOthers() {
    Path bad = write(d1.resolve("a.spec"), "ftp://nope:1");
    write(d1.resolve("b.spec"), "tcp://127.0.0.1:1");
    Path badJson = write(d2.resolve("c.json"), "{not json");
    write(d2.resolve("d.json"), "{\"Addr\":\"tcp://127.0.0.1:2\"}");

    ScanResult r = discovery.scan();

    assertThat(names(r)).containsExactly("b", "d");
    assertThat(r.problems()).extracting(SpecFileException::file).containsExactly(bad, badJson);
  }

  @Test
  void missingDirectoriesAreIgnoredAndAFileInPlaceOfADirectoryIsAProblem() {
    write(s1, "a file, not a directory");
    write(d2.resolve("p.spec"), "tcp://127.0.0.1:1");
    ScanResult r = discovery.scan();
    assertThat(names(r)).containsExactly("p");
    assertThat(r.problems()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo(s1);
      assertThat(e.problem()).isEqualTo("is not a directory");
    });
  }

  @Test
  void anUnreadableDirectoryIsAProblemNamingIt() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads every directory");
    Files.createDirectories(d1);
    write(d2.resolve("p.spec"), "tcp://127.0.0.1:1");
    assertThat(d1.toFile().setReadable(false, false)).isTrue();
    ScanResult r = discovery.scan();
    assertThat(names(r)).containsExactly("p");
    assertThat(r.problems()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo(d1);
      assertThat(e.problem()).contains("cannot be read");
    });
  }

  @Test
  void ignoresNonSocketsInSocketDirsAndOtherExtensionsInSpecDirs() {
    write(s1.resolve("file.sock"), "plain file");
    deadSocket(s1.resolve("noext"));
    deadSocket(s1.resolve("other.socket"));
    write(d1.resolve("x.conf"), "tcp://127.0.0.1:1");
    write(d1.resolve("y.txt"), "tcp://127.0.0.1:1");
    write(d1.resolve("sub/other.spec"), "tcp://127.0.0.1:1");
    ScanResult r = discovery.scan();
    assertThat(r.plugins()).isEmpty();
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void considersNestedSpecBeforeNestedJsonInASubdirectory() {
    write(d1.resolve("p/p.json"), "{\"Addr\":\"tcp://127.0.0.1:1\"}");
    Path spec = write(d1.resolve("p/p.spec"), "tcp://127.0.0.1:2");
    write(d1.resolve("p/p.conf"), "ignored");
    assertThat(discovery.scan().plugins()).singleElement()
        .satisfies(p -> assertThat(p.source()).isEqualTo(spec));
  }

  @Test
  void aFileWhoseNameIsNotAValidPluginNameIsAProblem() {
    Path spaced = write(d1.resolve("my plugin.spec"), "tcp://127.0.0.1:1");
    Path hidden = deadSocket(s1.resolve(".hidden.sock"));
    write(d1.resolve("ok.spec"), "tcp://127.0.0.1:1");
    ScanResult r = discovery.scan();
    assertThat(names(r)).containsExactly("ok");
    assertThat(r.problems()).extracting(SpecFileException::file)
        .containsExactlyInAnyOrder(spaced, hidden);
    assertThat(r.problems()).allSatisfy(
        e -> assertThat(e.problem()).contains("does not give a valid plugin name"));
  }

  @Test
  void aBadFirstCandidateShadowsALaterGoodOneAsInLookup() {
    Path bad = write(d1.resolve("p.spec"), "");
    write(d2.resolve("p.spec"), "tcp://127.0.0.1:1");
    ScanResult r = discovery.scan();
    assertThat(r.plugins()).isEmpty();
    assertThat(r.problems()).extracting(SpecFileException::file).containsExactly(bad);
  }

  @Test
  void aFifoInPlaceOfASpecFileIsAProblemNotAHang() {
    Path fifo = Fifos.create(d1.resolve("pipe.spec"));
    write(d1.resolve("ok.spec"), "tcp://127.0.0.1:1");

    ScanResult r = assertTimeoutPreemptively(Duration.ofSeconds(30), discovery::scan);

    assertThat(names(r)).containsExactly("ok");
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(fifo);
      assertThat(p.getMessage()).contains("is not a regular file");
    });
  }
}
