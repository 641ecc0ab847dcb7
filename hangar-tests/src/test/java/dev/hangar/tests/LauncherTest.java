package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  /**
   * A fake JDK whose {@code java} fails if run: {@code find-jdk.sh} must take its version from
   * the {@code release} file (a JVM started per JDK cost ~65 ms on every command).
   */
  private Path fakeJdk(String name, String releaseVersion) throws IOException {
    Path home = root.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    for (String tool : List.of("java", "javac")) {
      Path f = home.resolve("bin").resolve(tool);
      Files.writeString(f, "#!/bin/sh\necho 'not to be run' >&2\nexit 3\n");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\""
        + releaseVersion + "\"\n");
    return home;
  }

  private static Command.Result findJdk(Path javaHome) {
    String script = ". ./.mvn/find-jdk.sh && hangar_find_jdk && echo \"$JAVA_HOME\"";
    return Command.run(List.of("bash", "-c", script), HangarProcess.repo(),
        Map.of("JAVA_HOME", javaHome.toString()), Duration.ofSeconds(30));
  }

  @Test
  void findJdkKeepsAJavaHomeWhoseReleaseFileSays21OrNewerWithoutRunningIt() throws IOException {
    Path jdk = fakeJdk("jdk21", "21.0.2");
    Command.Result r = findJdk(jdk);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout().strip()).isEqualTo(jdk.toString());
    assertThat(r.stderr()).doesNotContain("not to be run");
  }

  @Test
  void findJdkPassesOverAJavaHomeThatIsTooOld() throws IOException {
    Path jdk = fakeJdk("jdk8", "1.8.0_402");
    Command.Result r = findJdk(jdk);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout().strip()).isNotEqualTo(jdk.toString()).isNotEmpty();
  }

  /**
   * The launcher's class data for the JDK it runs (made by the first command): an AOT cache on
   * JDK 25 and later, a dynamic archive before.
   */
  private Path archive() throws IOException {
    HangarProcess.run(root, null, "--version");
    try (var files = Files.list(HangarProcess.repo().resolve("hangar-cli/target"))) {
      return files.filter(f -> f.getFileName().toString().matches("hangar-.*\\.(jsa|aot)"))
          .filter(f -> f.toFile().length() > 0)
          .findFirst().orElseThrow(() -> new AssertionError("no hangar-*.jsa or .aot made"));
    }
  }

  @Test
  void anUnusableClassDataArchiveIsSkippedWithoutAWord() throws IOException {
    Path jsa = archive();
    byte[] kept = Files.readAllBytes(jsa);
    FileTime time = Files.getLastModifiedTime(jsa);
    try {
      Files.write(jsa, "not an archive".getBytes(StandardCharsets.UTF_8));
      HangarProcess.Result r = HangarProcess.run(root, null, "--version");
      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(r.out()).startsWith("hangar ").contains("\napi ").hasLineCount(2);
      assertThat(r.err()).as("nothing about CDS or the AOT cache").isEmpty();
    } finally {
      Files.write(jsa, kept);
      Files.setLastModifiedTime(jsa, time);
    }
  }
}
