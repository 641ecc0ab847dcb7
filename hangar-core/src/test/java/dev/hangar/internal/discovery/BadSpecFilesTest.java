package dev.hangar.internal.discovery;

import static dev.hangar.testkit.ShortTempDir.deadSocket;
import static dev.hangar.testkit.ShortTempDir.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hangar.testkit.ShortTempDir;

import dev.hangar.DiscoveryDirs;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.SpecFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every unusable file gives a {@link SpecFileException} naming the file and the problem. */
class BadSpecFilesTest {
  private final ShortTempDir tmp = new ShortTempDir();
  private final Path sockets = tmp.resolve("s");
  private final Path specs = tmp.resolve("d");
  private final Discovery discovery =
      new Discovery(new DiscoveryDirs(List.of(sockets), List.of(specs)));

  @AfterEach
  void cleanUp() throws IOException {
    tmp.close();
  }

  private void assertBad(Path file, String problem) {
    assertThatThrownBy(() -> discovery.lookup("p"))
        .isInstanceOfSatisfying(SpecFileException.class, e -> {
          assertThat(e.file()).isEqualTo(file);
          assertThat(e.code()).isEqualTo(ErrorCode.SPEC_INVALID);
          assertThat(e.problem()).contains(problem);
          assertThat(e.getMessage()).startsWith(file + ": ");
        });
    assertThat(discovery.scan().problems()).singleElement()
        .satisfies(e -> assertThat(e.file()).isEqualTo(file));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "''|is empty",
      "'  \n\t '|is empty",
      "unix://var/run/p.sock|two slashes",
      "ftp://example.com:21|unknown scheme 'ftp'",
      "just-text|no scheme",
      "tcp://127.0.0.1|no port",
      "tcp://|not a URL",
      "'tcp://exa mple:1'|not a URL",
      "unix://|not a URL",
      "tcp://:80|has no host",
  })
  void badSpecFilesNameTheFileAndTheProblem(String content, String problem) {
    assertBad(write(specs.resolve("p.spec"), content), problem);
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "''|is empty",
      "'{'|is not valid JSON at line 1",
      "'{\"Addr\":\"tcp://h:1\"} trailing'|is not valid JSON",
      "'[\"tcp://h:1\"]'|must hold a JSON object",
      "'\"tcp://h:1\"'|must hold a JSON object",
      "'{\"Name\":\"p\"}'|has no \"Addr\"",
      "'{\"Addr\":null}'|has no \"Addr\"",
      "'{\"Addr\":8080}'|\"Addr\" must be a string, not a number",
      "'{\"Addr\":\" \"}'|\"Addr\" is empty",
      "'{\"Addr\":\"gopher://h:1\"}'|unknown scheme 'gopher'",
      "'{\"Addr\":\"unix://rel/p.sock\"}'|two slashes",
      "'{\"Addr\":\"https://h:1\",\"TLSConfig\":true}'|\"TLSConfig\" must be an object, not a boolean",
      "'{\"Addr\":\"https://h:1\",\"TLSConfig\":{\"CAFile\":\"missing.pem\"}}'|does not exist",
      "'{\"Addr\":\"https://h:1\",\"TLSConfig\":{\"CertFile\":7}}'|\"TLSConfig.CertFile\" must be a string",
      "'{\"Addr\":\"https://h:1\",\"TLSConfig\":{\"InsecureSkipVerify\":\"yes\"}}'|must be true or false",
  })
  void badJsonFilesNameTheFileAndTheProblem(String content, String problem) {
    assertBad(write(specs.resolve("p.json"), content), problem);
  }

  @Test
  void aSocketPathLongerThanTheOsLimitNamesTheSocket() throws IOException {
    // bind where the path is short, then move the socket file where its path is too long
    Path deepDir = tmp.resolve("z".repeat(100));
    Files.createDirectories(deepDir.resolve("p"));
    Path tooLong = Files.move(deadSocket(tmp.resolve("x.sock")), deepDir.resolve("p/p.sock"));
    assertThat(tooLong.toString().length()).isGreaterThanOrEqualTo(108);
    Discovery deep = new Discovery(new DiscoveryDirs(List.of(deepDir), List.of()));
    assertThatThrownBy(() -> deep.lookup("p"))
        .isInstanceOfSatisfying(SpecFileException.class, e -> {
          assertThat(e.file()).isEqualTo(tooLong);
          assertThat(e.problem()).contains("too long");
        });
    assertThat(deep.scan().problems()).singleElement()
        .satisfies(e -> assertThat(e.file()).isEqualTo(tooLong));
  }

  @Test
  void aSpecFileThatIsADirectoryIsNotARegularFile() throws IOException {
    Path dir = Files.createDirectories(specs.resolve("p.spec"));
    assertBad(dir, "is not a regular file");
  }

  @Test
  void anUnreadableSpecFileNamesTheFile() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
    Path f = write(specs.resolve("p.spec"), "tcp://h:1");
    assertThat(f.toFile().setReadable(false, false)).isTrue();
    assertBad(f, "permission denied");
  }

  @Test
  void anOversizedSpecFileIsRejected() {
    assertBad(write(specs.resolve("p.spec"), "tcp://h:1" + " ".repeat(70_000)), "is larger than");
  }

  @Test
  void aSpecFileThatIsNotUtf8IsRejected() throws IOException {
    Path f = specs.resolve("p.spec");
    Files.createDirectories(specs);
    Files.write(f, new byte[] {'t', 'c', 'p', (byte) 0xff});
    assertBad(f, "is not UTF-8 text");
  }
}
