package dev.hangar.examples.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command line: usage errors, start failures, and a real process stopped by SIGTERM. */
class VolumePluginMainTest {
  private final Path tmp = createTmp();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static Path createTmp() {
    try {
      return Files.createTempDirectory(Path.of("/tmp"), "hgm");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void cleanUp() throws IOException {
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private int run(String... args) {
    return VolumePluginMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsUsageAndSucceeds() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar volume-plugin");
  }

  @Test
  void usageErrorsExitWith2AndNameTheProblem() {
    assertThat(run("--root", "/tmp/x")).isEqualTo(2);
    assertThat(err()).startsWith("Error: missing --socket PATH\nUsage:");

    err.reset();
    assertThat(run("--socket", "/tmp/x.sock")).isEqualTo(2);
    assertThat(err()).startsWith("Error: missing --root DIR");

    err.reset();
    assertThat(run("--socket")).isEqualTo(2);
    assertThat(err()).startsWith("Error: option --socket needs a value");

    err.reset();
    assertThat(run("--socket=/tmp/x.sock", "--root=/tmp/r", "--bogus")).isEqualTo(2);
    assertThat(err()).startsWith("Error: unknown option --bogus");

    err.reset();
    assertThat(run("--socket", "/tmp/x.sock", "--root", "/tmp/r", "--name", "n")).isEqualTo(2);
    assertThat(err()).startsWith("Error: --name is used with --spec-dir");
  }

  @Test
  void socketPathTooLongIsAUsageError() {
    assertThat(run("--socket", "/tmp/" + "x".repeat(120), "--root", tmp.toString())).isEqualTo(2);
    assertThat(err()).startsWith("Error: unix socket path is too long").doesNotContain("\tat ");
  }

  @Test
  void socketInUseFailsWith1WithoutAStackTrace() throws IOException {
    Path socket = tmp.resolve("v.sock");
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(UnixDomainSocketAddress.of(socket));

      assertThat(run("--socket", socket.toString(), "--root", tmp.resolve("r").toString()))
          .isEqualTo(1);
    }
    assertThat(err()).isEqualTo("Error: socket " + socket
        + " is in use by a running process; stop it or choose another path\n");
  }

  @Test
  void processServesUntilSigtermThenRemovesSocketAndSpec() throws Exception {
    Path socket = tmp.resolve("s/volume.sock");
    Path specs = tmp.resolve("specs");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        VolumePluginMain.class.getName(), "--socket", socket.toString(),
        "--root", tmp.resolve("root").toString(), "--spec-dir", specs.toString()))
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("log.txt").toFile())
        .start();
    try {
      Path spec = specs.resolve("volume.spec");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!(Files.exists(spec) && Files.exists(socket, LinkOption.NOFOLLOW_LINKS))
          && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.readString(spec)).isEqualTo("unix://" + socket);

      p.destroy();

      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
      assertThat(spec).doesNotExist();
      assertThat(Files.readString(tmp.resolve("log.txt")))
          .contains("volume plugin serving unix://" + socket).doesNotContain("Exception");
    } finally {
      p.destroyForcibly();
    }
  }
}
