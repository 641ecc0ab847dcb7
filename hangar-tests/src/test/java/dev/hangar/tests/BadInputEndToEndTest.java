package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad spec files and hung plugins, as a user of {@code ./hangar} meets them. */
class BadInputEndToEndTest {
  private Path root;

  @BeforeEach
  void makeRoot() throws IOException {
    root = Files.createTempDirectory(Path.of("/tmp"), "hg-bad");
    Files.createDirectories(root.resolve("specs"));
    Files.createDirectories(root.resolve("sockets"));
  }

  @AfterEach
  void removeRoot() throws IOException {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void badSpecFilesAreEachReportedByFileWhileTheOthersStillList() throws IOException {
    Files.writeString(root.resolve("specs/twoslash.spec"), "unix://var/run/x.sock");
    Files.writeString(root.resolve("specs/scheme.spec"), "gopher://example:70");
    Files.writeString(root.resolve("specs/empty.spec"), "");
    Files.writeString(root.resolve("specs/broken.json"), "{\"Addr\": ");
    Files.writeString(root.resolve("specs/long.spec"), "unix:///" + "x".repeat(200) + ".sock");
    Files.writeString(root.resolve("specs/fine.spec"), "tcp://127.0.0.1:1");

    HangarProcess.Result r = HangarProcess.run(root, null, "--retry", "0", "plugin", "ls");
    assertThat(r.exit()).as(r.toString()).isZero();
    for (String f : List.of("twoslash.spec", "scheme.spec", "empty.spec", "broken.json",
        "long.spec")) {
      assertThat(r.out()).as(f + "\n" + r).contains(f);
    }
    assertThat(r.out()).contains("fine").doesNotContain("\tat ");

    HangarProcess.Result call = HangarProcess.run(root, null, "--retry", "0", "plugin", "call",
        "twoslash", "Plugin.Activate");
    assertThat(call.exit()).as(call.toString()).isEqualTo(1);
    assertThat(call.err()).contains("twoslash.spec").contains("unix:///");
  }

  @Test
  void aPluginThatNeverAnswersTimesOutNamingPluginAndMethod() throws Exception {
    Path socket = root.resolve("sockets/hung.sock");
    List<SocketChannel> accepted = new ArrayList<>();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread acceptor = Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            accepted.add(server.accept());
          }
        } catch (IOException closed) {
          // server closed at the end of the test
        }
      });
      HangarProcess.Result r = HangarProcess.run(root, null, "--timeout", "1s", "plugin", "call",
          "hung", "VolumeDriver.List", "{}");
      assertThat(r.exit()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).contains("hung").contains("Plugin.Activate").contains("1s")
          .doesNotContain("\tat ");
      server.close();
      acceptor.join();
    } finally {
      for (SocketChannel c : accepted) {
        c.close();
      }
    }
  }

  @Test
  void aMissingPluginIsReportedAfterTheRetryDeadline() {
    HangarProcess.Result r = HangarProcess.run(root, null, "--retry", "0", "plugin", "call",
        "nosuch", "VolumeDriver.List");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("plugin nosuch not found");
  }

  @Test
  void aNameWithAPathSeparatorIsRefused() {
    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "inspect", "../etc/passwd");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("../etc/passwd");
  }
}
