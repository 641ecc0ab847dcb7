package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exec plugins through {@code ./hangar}: both examples, a plugin built with core0's Go helper
 * library (its stand-in), and the plugins that misbehave: hung, noisy, called with an unexported
 * method, or declared wrongly.
 */
class ExecPluginsEndToEndTest {
  @TempDir Path root;

  private static Command.Result hangar(Path root, String... args) {
    return Command.hangar(root, args);
  }

  private Path execDir() throws IOException {
    return Files.createDirectories(root.resolve("exec"));
  }

  private Path script(String name, String body) throws IOException {
    Path p = execDir().resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private void declare(String file, String toml) throws IOException {
    Files.writeString(execDir().resolve(file), toml);
  }

  @Test
  void ovsExampleAnswersVersionAndBridgeAdd() {
    String dir = ExecExamples.ovsDir().toString();
    ExecExamples.ovsLauncher();
    Command.Result v = hangar(root, "--exec-dir", dir, "plugin", "call", "ovs", "version");
    assertThat(v.exitCode()).as(v.describe()).isZero();
    assertThat(v.stdout()).isEqualTo("\"1.0alpha\"\n");
    Command.Result add = hangar(root, "--exec-dir", dir, "plugin", "call", "ovs", "bridge-add",
        "{\"name\":\"br0\",\"vlan\":10}");
    assertThat(add.exitCode()).as(add.describe()).isZero();
    assertThat(add.stdout()).isEqualTo("{\"name\":\"br0\",\"vlan\":10,\"command\":"
        + "[\"ovs-vsctl\",\"add-br\",\"br0\",\"--\",\"set\",\"port\",\"br0\",\"tag=10\"]}\n");
    Command.Result bad = hangar(root, "--exec-dir", dir, "plugin", "call", "ovs", "bridge-add",
        "{\"name\":\"br0\",\"vlan\":0}");
    assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
    assertThat(bad.stderr()).startsWith("Error: exec plugin ovs: ovs.bridge-add: ")
        .contains("\"vlan\" must be between 1 and 4094, not 0");
  }

  @Test
  void shellExampleAnswersEachMethod() {
    String dir = ExecExamples.shellDir().toString();
    ExecExamples.shellScript();
    Command.Result v = hangar(root, "--exec-dir", dir, "plugin", "call", "shell", "version");
    assertThat(v.stdout()).as(v.describe()).isEqualTo("\"1.0alpha\"\n");
    Command.Result greet = hangar(root, "--exec-dir", dir, "plugin", "call", "shell", "greet",
        "{\"name\":\"world\"}");
    assertThat(greet.exitCode()).as(greet.describe()).isZero();
    assertThat(greet.stdout()).isEqualTo("{\"greeting\":\"hello, world\"}\n");
    Command.Result length = hangarWithStdin("[1,2,3]", "--exec-dir", dir, "plugin", "call",
        "shell", "length", "-");
    assertThat(length.stdout()).as(length.describe()).isEqualTo("{\"bytes\":7}\n");
  }

  private Command.Result hangarWithStdin(String stdin, String... args) {
    return Command.hangarWithInput(root, stdin, args);
  }

  @Test
  void aPluginBuiltWithCore0sHelperLibraryRunsUnchanged() throws IOException {
    Path plugin = Core0Plugins.testPlugin();
    declare("core0.plugin.toml", "[plugin.core0]\npath = \"" + plugin + "\"\n"
        + "exports = [\"version\", \"echo\", \"fail\", \"panic\", \"log\"]\n");
    Command.Result v = hangar(root, "plugin", "call", "core0", "version");
    assertThat(v.stdout()).as(v.describe()).isEqualTo("\"1.0alpha\"\n");
    Command.Result echo = hangar(root, "plugin", "call", "core0", "echo", "{\"name\":\"br0\"}");
    assertThat(echo.stdout()).as(echo.describe()).isEqualTo("{\"name\":\"br0\"}\n");
    Command.Result log = hangar(root, "plugin", "call", "core0", "log");
    assertThat(log.exitCode()).as(log.describe()).isZero();
    assertThat(log.stdout()).isEqualTo("{\"logged\":true}\n");
    assertThat(log.stderr()).isEqualTo("warning: exec plugin core0.log: a warning\n"
        + "error: exec plugin core0.log: an error\nover two lines\n");
    Command.Result fail = hangar(root, "plugin", "call", "core0", "fail", "{}");
    assertThat(fail.exitCode()).as(fail.describe()).isEqualTo(1);
    assertThat(fail.stderr()).startsWith("Error: exec plugin core0: core0.fail: ")
        .contains("failed on purpose");
    Command.Result panic = hangar(root, "plugin", "call", "core0", "panic", "{}");
    assertThat(panic.exitCode()).as(panic.describe()).isEqualTo(1);
    assertThat(panic.stderr()).contains("paniced with error: boom");
  }

  @Test
  void aHungPluginTimesOutAndLeavesNoProcess() throws Exception {
    Path pids = root.resolve("pids");
    // the plugin and its child ignore SIGTERM: only the KILL after the grace period ends them
    script("hang.sh", "trap '' TERM\necho $$ >> " + pids + "\nsleep 1000 &\necho $! >> " + pids
        + "\nwait");
    declare("hang.plugin.toml", "[plugin.hang]\npath = \"hang.sh\"\nexports = [\"run\"]\n"
        + "timeout = \"1s\"\n");
    Command.Result r = Command.run(List.of(HangarProcess.repo().resolve("hangar").toString(),
            "plugin", "call", "hang", "run"), HangarProcess.repo(),
        Map.of("HANGAR_ROOT", root.toString()), Duration.ofSeconds(60));
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(r.stderr()).startsWith("Error: exec plugin hang: hang.run: ");
    List<Long> started = new ArrayList<>();
    Files.readAllLines(pids).forEach(l -> started.add(Long.parseLong(l.strip())));
    assertThat(started).hasSize(2);
    assertNoneAlive(started);
  }

  @Test
  void aNoisyPluginFailsAtTheOutputCapAndLeavesNoProcess() throws Exception {
    Path pids = root.resolve("pids");
    script("noisy.sh", "echo $$ >> " + pids + "\nexec yes 'all work and no play'");
    declare("noisy.plugin.toml", "[plugin.noisy]\npath = \"noisy.sh\"\nexports = [\"talk\"]\n");
    Command.Result r = hangar(root, "plugin", "call", "noisy", "talk");
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    // a warning says how many messages were not logged; the error comes last
    assertThat(r.stderr()).containsPattern("(?m)^Error: exec plugin noisy: noisy.talk: wrote "
        + "more than 8388608 bytes.*\\n\\z");
    assertNoneAlive(List.of(Long.parseLong(Files.readString(pids).strip())));
  }

  @Test
  void anUnexportedMethodIsRefusedWithoutStartingAProcess() throws IOException {
    Path marker = root.resolve("ran");
    script("t.sh", "touch " + marker + "\nprintf '20::1\\n'");
    declare("t.plugin.toml", "[plugin.t]\npath = \"t.sh\"\nexports = [\"one\"]\n");
    Command.Result r = hangar(root, "plugin", "call", "t", "rm", "{}");
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(r.stderr()).contains("t.rm is not exported").contains("one");
    assertThat(marker).doesNotExist();
    assertThat(hangar(root, "plugin", "call", "t", "one").stdout()).isEqualTo("1\n");
    assertThat(marker).exists();
  }

  @Test
  void lsShowsExecPluginsWithExportsAndPath() throws Exception {
    Path sh = script("t.sh", "printf '20::1\\n'");
    declare("t.plugin.toml", "[plugin.t]\npath = \"t.sh\"\nexports = [\"one\", \"two\"]\n");
    Command.Result table = hangar(root, "plugin", "ls");
    assertThat(table.exitCode()).as(table.describe()).isZero();
    assertThat(table.stdout()).containsPattern("(?m)^t +exec +" + sh + " +one,two +active$");
    Command.Result json = hangar(root, "plugin", "ls", "--format", "json");
    JsonNode t = Json.MAPPER.readTree(json.stdout()).get(0);
    assertThat(t.get("kind").asText()).isEqualTo("exec");
    assertThat(t.get("implements").toString()).isEqualTo("[\"one\",\"two\"]");
    assertThat(t.get("address").asText()).isEqualTo(sh.toString());
    JsonNode inspect = Json.MAPPER.readTree(hangar(root, "plugin", "inspect", "t").stdout());
    assertThat(inspect.get("source").asText()).isEqualTo(execDir().resolve("t.plugin.toml").toString());
  }

  @Test
  void aBadDeclarationIsReportedWithFileLineAndKey() throws IOException {
    script("t.sh", "printf '20::1\\n'");
    declare("bad.plugin.toml", "[plugin.bad]\npath = \"t.sh\"\nexports = [\"one\"]\n"
        + "timout = \"1s\"\n");
    Path file = execDir().resolve("bad.plugin.toml");
    Command.Result call = hangar(root, "plugin", "call", "bad", "one");
    assertThat(call.exitCode()).as(call.describe()).isEqualTo(1);
    assertThat(call.stderr()).startsWith("Error: " + file + ":4: plugin.bad.timout: ");
    Command.Result validate = hangar(root, "plugin", "validate");
    assertThat(validate.exitCode()).as(validate.describe()).isEqualTo(1);
    assertThat(validate.stdout()).contains("refused exec plugin bad, location: bad.plugin.toml, "
        + "error: " + file + ":4: plugin.bad.timout: ");
    Command.Result ls = hangar(root, "plugin", "ls");
    assertThat(ls.stdout()).containsPattern("bad +exec +- +- +failed +" + file + ":4");
  }

  /** Polls until none of {@code pids} is alive (zombies reaped), failing after 10 s. */
  private static void assertNoneAlive(List<Long> pids) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (pids.stream().anyMatch(ExecPluginsEndToEndTest::alive)) {
      if (System.nanoTime() > deadline) {
        pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
        throw new AssertionError("processes left behind: " + pids.stream().filter(
            ExecPluginsEndToEndTest::alive).toList());
      }
      Thread.sleep(20);
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Writes under a temporary name, then renames: the watcher never sees half a file. */
  private void drop(String file, String toml) throws IOException {
    Path tmp = execDir().resolve(file + ".tmp");
    Files.writeString(tmp, toml);
    Files.move(tmp, execDir().resolve(file), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void validateWatchReportsDeclarationsAddedChangedRefusedAndRemoved() throws Exception {
    Path sh = script("w.sh", "printf '20:::\"1\"\\n:::'");
    Path exec = sh.getParent();
    try (LiveProcess p = LiveProcess.hangar(root, "plugin", "validate", "--watch")) {
      int ready = p.await(0, l -> l.startsWith("(Ctrl-C"), Duration.ofSeconds(60));
      p.await(0, l -> l.equals("watching " + exec), Duration.ofSeconds(1));
      drop("w.plugin.toml", "[plugin.w]\npath = \"w.sh\"\nexports = [\"version\"]\n");
      int added = p.await(ready, l -> l.equals("loaded exec plugin w, location: w.plugin.toml:1,"
          + " path: " + sh + ", exports: [version]"), Duration.ofSeconds(20));
      drop("w.plugin.toml", "[plugin.w]\npath = \"w.sh\"\nexports = [\"version\", \"echo\"]\n");
      int changed = p.await(added, l -> l.startsWith("reloaded exec plugin w, location: ")
          && l.endsWith("exports: [version, echo]"), Duration.ofSeconds(20));
      drop("w.plugin.toml", "[plugin.w]\npath = \"w.sh\"\nexprots = [\"version\"]\n");
      int refused = p.await(changed, l -> l.startsWith("refused exec plugin w, location: "
          + "w.plugin.toml, error: ") && l.contains("exprots"), Duration.ofSeconds(20));
      p.await(changed, l -> l.equals("removed exec plugin w, location: w.plugin.toml"),
          Duration.ofSeconds(20));
      Files.delete(exec.resolve("w.plugin.toml"));
      p.await(refused, l -> l.equals("removed refused exec plugin w, location: w.plugin.toml"),
          Duration.ofSeconds(20));

      p.process().destroy(); // SIGTERM
      assertThat(p.waitFor(Duration.ofSeconds(20))).as(p.stderr()).isZero();
      assertThat(p.stderr()).isEmpty();
    }
  }
}
