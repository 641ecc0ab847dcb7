package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The core0 plugins built against the stand-in of core0's helper library, run directly (no
 * Hangar): their bytes and exit statuses are core0's, so the end-to-end tests through {@code
 * ./hangar} start from a known-good plugin.
 */
class Core0PluginTest {

  @Test
  void readmeExampleAnswersVersionInCore0Framing() {
    Command.Result r = run(Core0Plugins.versionPlugin(), "version", "{}");
    assertThat(r.stdout()).isEqualTo("20:::\"1.0alpha\"\n:::");
    assertThat(r.stderr()).isEmpty();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void unknownMethodIsAFramedErrorWithExitOne() {
    Command.Result r = run(Core0Plugins.versionPlugin(), "nope", "{}");
    assertThat(r.stdout()).isEqualTo("20:::\"unknown command: nope\"\n:::");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void missingMethodIsAFramedErrorWithExitOne() {
    Command.Result r = run(Core0Plugins.versionPlugin());
    assertThat(r.stdout()).isEqualTo("20:::\"missing command\"\n:::");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void argumentsReachTheHandlerOnlyAsTheSecondArgument() {
    Path plugin = Core0Plugins.testPlugin();
    assertThat(run(plugin, "echo", "{\"name\":\"br0\"}").stdout())
        .isEqualTo("20:::{\"name\":\"br0\"}\n:::");
    assertThat(run(plugin, "echo").stdout()).isEqualTo("20:::null\n:::");
    // core0's library reads the arguments only when there are exactly two.
    assertThat(run(plugin, "echo", "{}", "extra").stdout()).isEqualTo("20:::null\n:::");
  }

  @Test
  void handlerErrorsAndPanicsAreFramedErrorsWithExitOne() {
    Path plugin = Core0Plugins.testPlugin();
    Command.Result failed = run(plugin, "fail", "{}");
    assertThat(failed.stdout()).isEqualTo("20:::\"failed on purpose\"\n:::");
    assertThat(failed.exitCode()).isEqualTo(1);
    Command.Result panicked = run(plugin, "panic", "{}");
    assertThat(panicked.stdout()).isEqualTo("20:::\"paniced with error: boom\"\n:::");
    assertThat(panicked.exitCode()).isEqualTo(1);
  }

  @Test
  void logMethodWritesLeveledMessagesBeforeTheResult() {
    Command.Result r = run(Core0Plugins.testPlugin(), "log", "{}");
    assertThat(r.stdout()).isEqualTo("3::public message\n7::a warning\n"
        + "8:::an error\nover two lines\n:::\n11::debug detail\nplain stdout line\n"
        + "20:::{\"logged\":true}\n:::");
    assertThat(r.stderr()).isEqualTo("plain stderr line\n");
    assertThat(r.exitCode()).isZero();
  }

  private static Command.Result run(Path binary, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    return Command.run(command, binary.getParent(), Map.of(), Duration.ofSeconds(30));
  }
}
