package dev.hangar.tests;

import static dev.hangar.tests.ExecExamples.framed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Both exec plugin examples run directly as processes, the way Hangar runs them (argv, empty
 * stdin, a minimal environment): exact bytes on stdout and core0's exit statuses. The calls
 * through {@code ./hangar plugin call} are end-to-end tests of their own.
 */
class ExecExamplesTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void ovsLauncherFindsAJdkAndAnswersVersion() {
    Command.Result r = ExecExamples.run(ExecExamples.ovsLauncher(), NO_ENV, "version", "{}");
    assertThat(r.stdout()).as(r.describe()).isEqualTo(framed("\"1.0alpha\""));
    assertThat(r.stderr()).isEmpty();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void ovsBridgeAddLogsThenReturnsTheBridge() {
    Command.Result r = ExecExamples.run(ExecExamples.ovsLauncher(), NO_ENV,
        "bridge-add", "{\"name\":\"br0\",\"vlan\":10}");
    assertThat(r.stdout()).as(r.describe()).isEqualTo(
        "11::dry run: ovs-vsctl add-br br0 -- set port br0 tag=10\n"
            + framed("{\"name\":\"br0\",\"vlan\":10,\"command\":"
            + "[\"ovs-vsctl\",\"add-br\",\"br0\",\"--\",\"set\",\"port\",\"br0\",\"tag=10\"]}"));
    assertThat(r.stderr()).isEmpty();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void ovsFailuresAreFramedErrorsWithExitOne() {
    Path ovs = ExecExamples.ovsLauncher();
    Command.Result bad = ExecExamples.run(ovs, NO_ENV, "bridge-add", "{\"name\":\"br0\",\"vlan\":0}");
    assertThat(bad.stdout()).as(bad.describe())
        .isEqualTo(framed("\"bridge-add: \\\"vlan\\\" must be between 1 and 4094, not 0\""));
    assertThat(bad.exitCode()).isEqualTo(1);
    Command.Result unknown = ExecExamples.run(ovs, NO_ENV, "nope", "{}");
    assertThat(unknown.stdout()).isEqualTo(framed("\"unknown command: nope\""));
    assertThat(unknown.exitCode()).isEqualTo(1);
    Command.Result missing = ExecExamples.run(ovs, NO_ENV);
    assertThat(missing.stdout()).isEqualTo(framed("\"missing command\""));
    assertThat(missing.exitCode()).isEqualTo(1);
  }

  @Test
  void ovsLauncherSkipsAJavaHomeOlderThan21() {
    Path old = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    Assumptions.assumeTrue(Files.isExecutable(old.resolve("bin/java")), "no JDK 17 here");
    Command.Result r = ExecExamples.run(ExecExamples.ovsLauncher(),
        Map.of("JAVA_HOME", old.toString()), "version");
    assertThat(r.stdout()).as(r.describe()).isEqualTo(framed("\"1.0alpha\""));
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void shellScriptAnswersVersionAndGreet() {
    Path sh = ExecExamples.shellScript();
    Command.Result version = ExecExamples.run(sh, NO_ENV, "version", "{}");
    assertThat(version.stdout()).isEqualTo(framed("\"1.0alpha\""));
    assertThat(version.exitCode()).isZero();
    Command.Result greet = ExecExamples.run(sh, NO_ENV, "greet", "{\"name\": \"world\"}");
    assertThat(greet.stdout())
        .isEqualTo("3::greeting world\n" + framed("{\"greeting\":\"hello, world\"}"));
    assertThat(greet.stderr()).isEmpty();
    assertThat(greet.exitCode()).isZero();
    Command.Result length = ExecExamples.run(sh, NO_ENV, "length", "{\"a\":[1,2]}");
    assertThat(length.stdout()).isEqualTo(framed("{\"bytes\":11}"));
  }

  @Test
  void shellFailuresAreFramedErrorsWithExitOne() {
    Path sh = ExecExamples.shellScript();
    Command.Result bad = ExecExamples.run(sh, NO_ENV, "greet", "{\"name\": 3}");
    assertThat(bad.stdout()).startsWith("20:::\"greet: \\\"name\\\" must be a non-empty string")
        .endsWith("\"\n:::");
    assertThat(bad.exitCode()).isEqualTo(1);
    Command.Result unknown = ExecExamples.run(sh, NO_ENV, "no\"pe", "{}");
    assertThat(unknown.stdout()).isEqualTo(framed("\"unknown command: no\\\"pe\""));
    assertThat(unknown.exitCode()).isEqualTo(1);
    Command.Result missing = ExecExamples.run(sh, NO_ENV);
    assertThat(missing.stdout()).isEqualTo(framed("\"missing command\""));
    assertThat(missing.exitCode()).isEqualTo(1);
  }

  @Test
  void byHandOnATerminalBothPrintUsageAndExitTwo() {
    Path script = Path.of("/usr/bin/script");
    Assumptions.assumeTrue(Files.isExecutable(script), "util-linux `script` gives a terminal");
    for (Path plugin : List.of(ExecExamples.ovsLauncher(), ExecExamples.shellScript())) {
      // script(1) runs the plugin on a pseudo-terminal; -e returns its exit status.
      Command.Result r = Command.run(
          List.of(script.toString(), "-qec", plugin.toString(), "/dev/null"),
          plugin.getParent(), Map.of(), Duration.ofSeconds(60));
      assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
      assertThat(r.stdout()).contains("is an exec plugin").contains("not meant to be run")
          .doesNotContain("missing command");
    }
  }

  @Test
  void samplePluginTomlsDeclareEveryMethodTheExamplesHave() throws Exception {
    assertThat(Files.readString(ExecExamples.ovsDir().resolve("ovs.plugin.toml")))
        .contains("[plugin.ovs]").contains("path = \"target/ovs-exec-plugin\"")
        .contains("exports = [\"version\", \"bridge-add\"]");
    assertThat(Files.readString(ExecExamples.shellDir().resolve("shell.plugin.toml")))
        .contains("[plugin.shell]").contains("path = \"shell-exec-plugin\"")
        .contains("exports = [\"version\", \"greet\", \"length\"]");
  }
}
