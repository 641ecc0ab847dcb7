package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path root;

  @Test
  void versionNamesHangarAndTheApiVersion() {
    CliTest.Run r = CliTest.run(root, null, "--version");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).containsPattern("(?m)^hangar \\S+$").containsPattern("(?m)^api 1\\.0$");
  }

  @Test
  void noCommandIsAUsageError() {
    CliTest.Run r = CliTest.run(root, null);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Error: missing a command");
  }

  @Test
  void unknownOptionIsAUsageErrorPointingAtHelp() {
    CliTest.Run r = CliTest.run(root, null, "plugin", "ls", "--frob");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Error: Unknown option: '--frob'").contains("--help");
  }

  @Test
  void badFormatIsAUsageError() {
    CliTest.Run r = CliTest.run(root, null, "plugin", "ls", "--format", "yaml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("yaml");
  }

  @Test
  void callArgsThatAreNotJsonAreAUsageErrorBeforeAnyPluginIsContacted() {
    CliTest.Run r = CliTest.run(root, null, "plugin", "call", "nosuch", "X.Y", "{\"a\":");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("Error: ARGS is not valid JSON");
  }

  @Test
  void callArgsWithTrailingGarbageAreRefused() {
    CliTest.Run r = CliTest.run(root, null, "plugin", "call", "nosuch", "X.Y", "{} {}");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("not valid JSON");
  }

  @Test
  void globalOptionsWorkAfterTheSubcommandToo() {
    CliTest.Run r = CliTest.run(root, null, "plugin", "ls", "--retry", "0", "--format", "json");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isEqualTo("[ ]");
  }

  @Test
  void errorsCarryNoStackTraceUnlessDebug() {
    CliTest.Run plain = CliTest.run(root, null, "--retry", "0", "plugin", "call", "nosuch", "X.Y");
    assertThat(plain.exit()).isEqualTo(1);
    assertThat(plain.err()).isEqualTo("Error: plugin nosuch not found" + System.lineSeparator());
    CliTest.Run debug = CliTest.run(root, null, "--debug", "--retry", "0", "plugin", "call",
        "nosuch", "X.Y");
    assertThat(debug.err()).contains("\tat ");
  }
}
