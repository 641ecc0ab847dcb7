package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./hangar} launcher as a user meets it. */
class LauncherTest {
  @TempDir Path root;

  @Test
  void versionPrintsHangarAndTheAcceptedApiVersionOnItsOwnLine() {
    HangarProcess.Result r = HangarProcess.run(root, null, "--version");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out().lines()).anyMatch(l -> l.startsWith("hangar "));
    assertThat(r.out().lines()).anyMatch(l -> l.matches("api \\d+\\.\\d+"));
  }

  @Test
  void doesNotRebuildWhenNothingChanged() {
    HangarProcess.run(root, null, "--version");
    HangarProcess.Result r = HangarProcess.run(root, null, "--version");
    assertThat(r.err()).as(r.toString()).doesNotContain("building");
  }

  @Test
  void emptyRootListsNoPlugins() {
    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "ls", "--format", "json");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isEqualTo("[ ]");
  }

  @Test
  void unknownCommandIsAUsageErrorWithoutAStackTrace() {
    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "frobnicate");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("Error:").doesNotContain("\tat ");
  }

  @Test
  void helpWorksOnEveryCommand() {
    for (String[] cmd : new String[][] {
        {"--help"}, {"plugin", "--help"}, {"plugin", "ls", "--help"},
        {"plugin", "inspect", "--help"}, {"plugin", "call", "--help"}}) {
      HangarProcess.Result r = HangarProcess.run(root, null, cmd);
      assertThat(r.exit()).as(String.join(" ", cmd) + "\n" + r).isZero();
      assertThat(r.out()).contains("Usage:");
    }
  }
}
