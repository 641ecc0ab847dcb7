package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exec plugins through the CLI: {@code plugin call}, {@code ls}, {@code inspect}, {@code validate}. */
class ExecCommandsTest {
  @TempDir Path root;
  private Path exec;
  private Path script;

  @BeforeEach
  void declare() throws IOException {
    exec = Files.createDirectories(root.resolve("exec"));
    script = exec.resolve("t.sh");
    Files.writeString(script, "#!/bin/sh\necho ran >> \"$(dirname \"$0\")/ran\"\n"
        + "case \"$1\" in\n"
        + "  version) printf '20:::\"1.0alpha\"\\n:::' ;;\n"
        + "  echo) printf '20:::%s\\n:::' \"$2\" ;;\n"
        + "  yaml) printf '21:::a: 1\\n:::' ;;\n"
        + "  quiet) echo 'just a log line' ;;\n"
        + "  log) printf '3::for the record\\n7::disk almost full\\n8::it broke\\n20::true\\n' ;;\n"
        + "  fail) printf '20:::\"no bridge\"\\n:::'; exit 1 ;;\n"
        + "  group) read -r pid comm state ppid pgrp rest < /proc/$$/stat;"
        + " printf '20::%s\\n' \"$(( pid == pgrp ))\" ;;\n"
        + "esac\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(exec.resolve("t.plugin.toml"), "[plugin.t]\npath = \"t.sh\"\n"
        + "exports = [\"version\", \"echo\", \"yaml\", \"quiet\", \"fail\", \"log\", \"group\"]\n"
        + "description = \"a test plugin\"\ntimeout = \"5s\"\nenv = { SECRET = \"s3cr3t\" }\n");
  }

  private CliTest.Run hangar(String... args) {
    return CliTest.run(root, null, args);
  }

  @Test
  void callPrintsAJsonResultCompactOnOneLine() {
    CliTest.Run r = hangar("plugin", "call", "t", "version");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("\"1.0alpha\"\n");
    CliTest.Run echo = hangar("plugin", "call", "t", "echo", "{ \"a\" : [1, 2] }");
    assertThat(echo.out()).as(echo.toString()).isEqualTo("{\"a\":[1,2]}\n");
  }

  @Test
  void execProcessGroupsMakesEachRunTheLeaderOfItsOwnGroup() {
    CliTest.Run plain = hangar("plugin", "call", "t", "group");
    assertThat(plain.out()).as(plain.toString()).isEqualTo("0\n");
    CliTest.Run grouped = hangar("--exec-process-groups", "plugin", "call", "t", "group");
    assertThat(grouped.out()).as(grouped.toString()).isEqualTo("1\n");
  }

  @Test
  void callReadsArgsFromStandardInputAndDefaultsToAnEmptyObject() {
    CliTest.Run r = CliTest.run(root, "{\"from\":\"stdin\"}", "plugin", "call", "t", "echo", "-");
    assertThat(r.out()).as(r.toString()).isEqualTo("{\"from\":\"stdin\"}\n");
    CliTest.Run none = hangar("plugin", "call", "t", "echo");
    assertThat(none.out()).as(none.toString()).isEqualTo("{}\n");
  }

  @Test
  void callPrintsTextResultsAsWrittenAndNothingForNoResult() {
    assertThat(hangar("plugin", "call", "t", "yaml").out()).isEqualTo("a: 1\n");
    CliTest.Run quiet = hangar("plugin", "call", "t", "quiet");
    assertThat(quiet.exit()).as(quiet.toString()).isZero();
    assertThat(quiet.out()).isEmpty();
  }

  @Test
  void pluginWarningsAndErrorsGoToStandardErrorOneLineEachAndDebugShowsAll() {
    CliTest.Run r = hangar("plugin", "call", "t", "log");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("true\n");
    assertThat(r.err()).isEqualTo("warning: exec plugin t.log: disk almost full\n"
        + "error: exec plugin t.log: it broke\n");
    CliTest.Run d = hangar("--debug", "plugin", "call", "t", "log");
    assertThat(d.err()).as(d.toString()).contains("info: exec plugin t.log: for the record\n")
        .contains("warning: exec plugin t.log: disk almost full\n");
  }

  @Test
  void aFailedCallExitsOneWithThePluginsError() {
    CliTest.Run r = hangar("plugin", "call", "t", "fail", "{}");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("Error: exec plugin t: t.fail: exit status 1: no bridge\n");
  }

  @Test
  void anUnexportedMethodExitsOneWithoutStartingTheProcess() {
    CliTest.Run r = hangar("plugin", "call", "t", "rm", "{}");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("t.rm is not exported").contains("version, echo");
    assertThat(exec.resolve("ran")).doesNotExist();
  }

  @Test
  void anUndeclaredNameIsASocketPluginUnlessKindSaysExec() {
    CliTest.Run socket = hangar("--retry", "0", "plugin", "call", "nosuch", "X.Y");
    assertThat(socket.err()).as(socket.toString()).isEqualTo("Error: plugin nosuch not found\n");
    CliTest.Run r = hangar("plugin", "call", "--kind", "exec", "nosuch", "version");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("exec plugin nosuch not found").contains(exec.toString());
  }

  @Test
  void aNameNotFoundMentionsDeclarationFilesThatCouldNotBeRead() throws IOException {
    Files.writeString(exec.resolve("ovs.plugin.toml"), "[plugin.ovs\npath = 1\n");
    CliTest.Run r = hangar("--retry", "0", "plugin", "call", "ovs", "version");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: plugin ovs not found (if it is an exec plugin: these "
        + "declaration files could not be read: " + exec.resolve("ovs.plugin.toml") + ":1");
  }

  @Test
  void aNameThatIsBothSocketAndExecNeedsKind() throws IOException {
    Files.createDirectories(root.resolve("specs"));
    Files.writeString(root.resolve("specs/t.spec"), "tcp://127.0.0.1:9\n");
    CliTest.Run r = hangar("plugin", "call", "t", "version");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("ambiguous").contains("--kind");
    CliTest.Run e = hangar("plugin", "call", "--kind", "exec", "t", "version");
    assertThat(e.out()).as(e.toString()).isEqualTo("\"1.0alpha\"\n");
  }

  @Test
  void execDirOptionReplacesTheDefault() throws IOException {
    Path other = Files.createDirectories(root.resolve("other"));
    Files.move(exec.resolve("t.plugin.toml"), other.resolve("t.plugin.toml"));
    Files.writeString(other.resolve("t.plugin.toml"),
        Files.readString(other.resolve("t.plugin.toml")).replace("\"t.sh\"", "\"" + script + "\""));
    assertThat(hangar("--retry", "0", "plugin", "call", "t", "version").exit()).isEqualTo(1);
    CliTest.Run r = hangar("--exec-dir", other.toString(), "plugin", "call", "t", "version");
    assertThat(r.out()).as(r.toString()).isEqualTo("\"1.0alpha\"\n");
  }

  @Test
  void lsAndInspectShowExecPlugins() throws Exception {
    Files.writeString(exec.resolve("bad.plugin.toml"), "[plugin.bad]\npath = \"t.sh\"\n"
        + "exports = [\"x\"]\ncolour = \"red\"\n");
    CliTest.Run ls = hangar("plugin", "ls", "--format", "json");
    assertThat(ls.exit()).as(ls.toString()).isZero();
    JsonNode arr = Json.MAPPER.readTree(ls.out());
    assertThat(arr).hasSize(2);
    assertThat(arr.get(0).get("name").asText()).isEqualTo("bad");
    assertThat(arr.get(0).get("state").asText()).isEqualTo("failed");
    assertThat(arr.get(0).get("error").asText()).contains("bad.plugin.toml:4: plugin.bad.colour");
    JsonNode t = arr.get(1);
    assertThat(t.get("kind").asText()).isEqualTo("exec");
    assertThat(t.get("address").asText()).isEqualTo(script.toString());
    assertThat(t.get("implements").toString())
        .isEqualTo("[\"version\",\"echo\",\"yaml\",\"quiet\",\"fail\",\"log\",\"group\"]");
    assertThat(t.get("state").asText()).isEqualTo("active");

    CliTest.Run table = hangar("plugin", "ls");
    assertThat(table.out()).containsPattern("t +exec +" + script + " +version,echo,yaml,quiet,fail,log,group +active")
        .containsPattern("bad +exec +- +- +failed +.*colour");

    CliTest.Run in = hangar("plugin", "inspect", "t");
    assertThat(in.exit()).as(in.toString()).isZero();
    JsonNode o = Json.MAPPER.readTree(in.out());
    assertThat(o.get("source").asText()).isEqualTo(exec.resolve("t.plugin.toml").toString());
    assertThat(o.get("line").asInt()).isEqualTo(1);
    assertThat(o.get("description").asText()).isEqualTo("a test plugin");
    assertThat(o.get("timeout").asText()).isEqualTo("5s");
    assertThat(o.get("process_group").asBoolean()).isFalse();
    assertThat(o.get("env").toString()).isEqualTo("[\"SECRET\"]");
    assertThat(in.out()).doesNotContain("s3cr3t");
  }

  @Test
  void validateListsExecDeclarationsAndExitsOneForARefusedOne() throws IOException {
    CliTest.Run ok = hangar("plugin", "validate");
    assertThat(ok.exit()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("search exec plugins in " + exec)
        .contains("exec plugin t, location: t.plugin.toml:1, path: " + script
            + ", exports: [version, echo, yaml, quiet, fail, log, group]");
    Files.writeString(exec.resolve("bad.plugin.toml"), "[plugin.bad]\nexports = [\"x\"]\n");
    CliTest.Run bad = hangar("plugin", "validate");
    assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
    assertThat(bad.out()).contains("refused exec plugin bad, location: bad.plugin.toml, error: ")
        .contains("path");
  }
}
