package dev.hangar.internal.exec;

import static dev.hangar.internal.exec.ExecFixtures.FAST;
import static dev.hangar.internal.exec.ExecFixtures.builder;
import static dev.hangar.internal.exec.ExecFixtures.domain;
import static dev.hangar.internal.exec.ExecFixtures.read;
import static dev.hangar.internal.exec.ExecFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecFailedException;
import dev.hangar.exec.ExecResult;
import dev.hangar.exec.ResultKind;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecRunnerTest {
  @TempDir Path dir;
  final ExecRunner runner = new ExecRunner(FAST);

  @Test
  void coreHelperResultIsParsedAsJson() throws Exception {
    Path p = script(dir, "ovs", "printf '20:::\\n\"1.0alpha\"\\n:::'");
    assertThat(runner.call(domain("ovs", p, "version"), "version", "{}"))
        .isEqualTo(new ExecResult.Json(TextNode.valueOf("1.0alpha")));
  }

  @Test
  void argvIsPathMethodAndArgumentsAsOneStringWithStdinFromDevNull() throws Exception {
    Path p = script(dir, "p", "printf '%s\\n' \"$0\" \"$#\" \"$1\" \"$2\" > argv; "
        + "readlink /proc/$$/fd/0 > stdin");
    String args = "{\"a\": \"b c\", \"q\": \"'\\\"$HOME\"}";
    runner.call(domain("p", p, "m"), "m", args);
    assertThat(read(dir.resolve("argv"))).isEqualTo(p + "\n2\nm\n" + args + "\n");
    assertThat(read(dir.resolve("stdin")).strip()).isEqualTo("/dev/null");
  }

  @Test
  void missingArgumentsBecomeAnEmptyObject() throws Exception {
    Path p = script(dir, "p", "printf '%s' \"$2\" > args");
    runner.call(domain("p", p, "m"), "m", null);
    assertThat(read(dir.resolve("args"))).isEqualTo("{}");
    runner.call(domain("p", p, "m"), "m", " ");
    assertThat(read(dir.resolve("args"))).isEqualTo("{}");
  }

  @Test
  void argumentsLinuxCannotPassAreRefusedBeforeAnythingStartsAndTheLargestThatFitsIsPassed()
      throws Exception {
    Path p = script(dir, "p", "printf '%s' \"$2\" > args");
    String fits = "\"" + "x".repeat(ExecRunner.MAX_ARGS_BYTES - 3) + "\"";
    runner.call(domain("p", p, "m"), "m", fits);
    assertThat(read(dir.resolve("args"))).isEqualTo(fits);
    Files.delete(dir.resolve("args"));

    String tooLong = "\"" + "x".repeat(ExecRunner.MAX_ARGS_BYTES - 2) + "\"";
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> runner.call(domain("p", p, "m"), "m", tooLong));
    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
    assertThat(e.getMessage()).contains("p.m: the arguments are 131072 bytes", "131071 bytes");
    assertThat(dir.resolve("args")).doesNotExist();
  }

  @Test
  void environmentIsPathHomeLangFromTheHostPlusTheDeclaredTable() throws Exception {
    Path p = script(dir, "p", "tr '\\0' '\\n' < /proc/$$/environ > env; pwd > cwd");
    Map<String, String> host = Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/h",
        "LANG", "C.UTF-8", "SECRET", "s3", "JAVA_HOME", "/jdk");
    ExecRunner r = new ExecRunner(FAST, new ExecEnvironment(host));
    r.call(builder("p", p, "m").env(Map.of("LANG", "de_DE.UTF-8", "FOO", "bar")).build(), "m",
        "{}");
    assertThat(read(dir.resolve("env")).lines().sorted().toList())
        .containsExactly("FOO=bar", "HOME=/home/h", "LANG=de_DE.UTF-8", "PATH=/usr/bin:/bin");
    assertThat(read(dir.resolve("cwd")).strip()).isEqualTo(dir.toRealPath().toString());
  }

  @Test
  void hostVariablesThatAreNotSetAreLeftOut() throws Exception {
    Path p = script(dir, "p", "tr '\\0' '\\n' < /proc/$$/environ > env");
    ExecRunner r = new ExecRunner(FAST, new ExecEnvironment(Map.of("PATH", "/bin")));
    r.call(domain("p", p, "m"), "m", "{}");
    assertThat(read(dir.resolve("env")).lines().toList()).containsExactly("PATH=/bin");
  }

  @Test
  void unexportedMethodIsRefusedWithoutStartingAProcess() throws Exception {
    Path p = script(dir, "p", "touch started");
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> runner.call(domain("p", p, "version"), "secret", "{}"));
    assertThat(e.code()).isEqualTo(ErrorCode.METHOD_NOT_FOUND);
    assertThat(e.getMessage()).contains("p.secret", "version");
    assertThat(dir.resolve("started")).doesNotExist();
  }

  @Test
  void failureCarriesExitStatusAndTheHelpersErrorTextUnwrapped() throws Exception {
    Path p = script(dir, "p",
        "echo noise >&2; printf '20:::\\n\"boom: \\\\\"x\\\\\"\"\\n:::'; exit 1");
    ExecFailedException e = failure(domain("p", p, "m"));
    assertThat(e.code()).isEqualTo(ErrorCode.EXEC_FAILED);
    assertThat(e.exitStatus()).isEqualTo(1);
    assertThat(e.detail()).isEqualTo("exit status 1: boom: \"x\"");
    assertThat(e.getMessage()).contains("p.m");
  }

  @Test
  void failureWithoutResultCarriesTheLastStderrLines() throws Exception {
    Path p = script(dir, "p", "i=0; while [ $i -lt 30 ]; do echo line$i >&2; i=$((i+1)); done; "
        + "echo out; exit 3");
    ExecFailedException e = failure(domain("p", p, "m"));
    assertThat(e.exitStatus()).isEqualTo(3);
    assertThat(e.detail()).startsWith("exit status 3: line10\n").endsWith("line29")
        .doesNotContain("line9\n", "out");
  }

  @Test
  void failureWithoutAnyTextSaysTheExitStatus() throws Exception {
    ExecFailedException e = failure(domain("p", script(dir, "p", "exit 4"), "m"));
    assertThat(e.code()).isEqualTo(ErrorCode.EXEC_FAILED);
    assertThat(e.detail()).isEqualTo("exit status 4");
  }

  @Test
  void aSignalHangarDidNotSendGivesKilled() throws Exception {
    ExecFailedException e = failure(domain("p", script(dir, "p", "kill -KILL $$"), "m"));
    assertThat(e.code()).isEqualTo(ErrorCode.EXEC_KILLED);
    assertThat(e.detail()).contains("signal 9 (SIGKILL)");
  }

  @Test
  void otherResultKindsAreTextAndTheLastResultWins() throws Exception {
    Path p = script(dir, "p", "printf '20:::\\n1\\n:::\\n'; echo '7::careful'; "
        + "printf '21:::a: 1\\nb: 2\\n:::\\n'");
    assertThat(runner.call(domain("p", p, "m"), "m", "{}"))
        .isEqualTo(new ExecResult.Text(ResultKind.YAML, "a: 1\nb: 2"));
  }

  @Test
  void aResultOnStderrCountsToo() throws Exception {
    Path p = script(dir, "p", "echo '20::[1,2]' >&2");
    assertThat(runner.call(domain("p", p, "m"), "m", "{}"))
        .isInstanceOfSatisfying(ExecResult.Json.class,
            j -> assertThat(j.value().toString()).isEqualTo("[1,2]"));
  }

  @Test
  void exitZeroWithoutResultIsNone() throws Exception {
    Path p = script(dir, "p", "echo just chatter; echo more >&2");
    assertThat(runner.call(domain("p", p, "m"), "m", "{}")).isEqualTo(new ExecResult.None());
  }

  @Test
  void exitZeroWithAResultThatIsNotJsonIsAProtocolError() throws Exception {
    Path p = script(dir, "p", "echo '20::{not json'");
    ExecFailedException e = failure(domain("p", p, "m"));
    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
    assertThat(e.detail()).contains("not JSON");
  }

  @Test
  void missingOrNotExecutableBinaryFailsClearly() throws Exception {
    ExecFailedException missing = failure(domain("p", dir.resolve("gone"), "m"));
    assertThat(missing.code()).isEqualTo(ErrorCode.EXEC_FAILED);
    assertThat(missing.exitStatus()).isEqualTo(-1);
    assertThat(missing.detail()).contains("gone", "does not exist");

    Path plain = dir.resolve("plain");
    Files.writeString(plain, "#!/bin/sh\n");
    ExecFailedException notExec = failure(domain("p", plain, "m"));
    assertThat(notExec.detail()).contains("plain", "is not executable");
  }

  @Test
  void digestMismatchRefusesToStartAndNamesEverything() throws Exception {
    Path p = script(dir, "p", "touch started");
    String wrong = "0".repeat(64);
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> runner.call(builder("p", p, "m").sha256(wrong).build(), "m", "{}"));
    assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH);
    assertThat(e.getMessage()).contains("exec plugin p", p.toString(), wrong,
        new BinaryDigest().of(p));
    assertThat(dir.resolve("started")).doesNotExist();
  }

  @Test
  void digestIsCheckedBeforeEveryStart() throws Exception {
    Path p = script(dir, "p", "touch started");
    ExecDomain d = builder("p", p, "m").sha256(new BinaryDigest().of(p)).build();
    runner.call(d, "m", "{}");
    assertThat(dir.resolve("started")).exists();
    Files.delete(dir.resolve("started"));
    script(dir, "p", "touch started; touch evil");
    assertThatThrownBy(() -> runner.call(d, "m", "{}"))
        .isInstanceOfSatisfying(HangarException.class,
            x -> assertThat(x.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH));
    assertThat(dir.resolve("started")).doesNotExist();
  }

  @Test
  void failedRunsAreRunAgainUpToMaxRestart() throws Exception {
    Path p = script(dir, "p", "echo run >> runs; [ $(wc -l < runs) -ge 3 ] || exit 1; "
        + "echo '20::\"third time\"'");
    assertThat(runner.call(builder("p", p, "m").maxRestart(2).build(), "m", "{}"))
        .isEqualTo(new ExecResult.Json(TextNode.valueOf("third time")));
    assertThat(read(dir.resolve("runs")).lines()).hasSize(3);

    Files.delete(dir.resolve("runs"));
    ExecFailedException e = failure(builder("p", p, "m").maxRestart(1).build());
    assertThat(e.exitStatus()).isEqualTo(1);
    assertThat(e.getSuppressed()).hasSize(1);
    assertThat(read(dir.resolve("runs")).lines()).hasSize(2);
  }

  @Test
  void tooMuchOutputIsNotRunAgain() throws Exception {
    Path p = script(dir, "p", "echo run >> runs; yes");
    ExecRunner small = new ExecRunner(FAST.withOutputCap(64 * 1024));
    ExecFailedException e = catchThrowableOfType(ExecFailedException.class,
        () -> small.call(builder("p", p, "m").maxRestart(3).build(), "m", "{}"));
    assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_TOO_LARGE);
    assertThat(read(dir.resolve("runs")).lines()).hasSize(1);
  }

  @Test
  void withProcessGroupsEachRunLeadsItsOwnGroup() throws Exception {
    assumeTrue(ProcessGroups.SETSID.isPresent(), "setsid is not installed");
    Path p = script(dir, "p", "echo $$ > pid; cut -d' ' -f5,6 /proc/$$/stat > pgid-sid");
    new ExecRunner(FAST.withProcessGroups(true)).call(domain("p", p, "m"), "m", "{}");
    String pid = read(dir.resolve("pid")).strip();
    assertThat(read(dir.resolve("pgid-sid")).strip()).isEqualTo(pid + " " + pid);
  }

  @Test
  void aDomainDeclaringProcessGroupLeadsItsOwnGroupWhateverTheHostSays() throws Exception {
    assumeTrue(ProcessGroups.SETSID.isPresent(), "setsid is not installed");
    Path p = script(dir, "p", "echo $$ > pid; cut -d' ' -f5,6 /proc/$$/stat > pgid-sid");
    runner.call(builder("p", p, "m").processGroup().build(), "m", "{}");
    String pid = read(dir.resolve("pid")).strip();
    assertThat(read(dir.resolve("pgid-sid")).strip()).isEqualTo(pid + " " + pid);

    Path q = script(dir, "q", "echo $$ > pid; cut -d' ' -f5,6 /proc/$$/stat > pgid-sid");
    runner.call(domain("q", q, "m"), "m", "{}");
    String qpid = read(dir.resolve("pid")).strip();
    assertThat(read(dir.resolve("pgid-sid")).strip()).isNotEqualTo(qpid + " " + qpid);
  }

  private ExecFailedException failure(ExecDomain d) {
    return catchThrowableOfType(ExecFailedException.class,
        () -> runner.call(d, d.exports().get(0), "{}"));
  }

  static List<String> lines(Path file) {
    return read(file).lines().toList();
  }
}
