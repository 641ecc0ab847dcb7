package dev.hangar.managed.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the runtime and its short calls, against fake runtimes (shell scripts). */
class OciRuntimeCallsTest {
  @TempDir Path dir;

  @Test
  void aGivenBinaryMustBeAnExecutableRegularFile() throws Exception {
    Path missing = dir.resolve("missing");
    Path plain = Files.writeString(dir.resolve("plain"), "#!/bin/sh\n");
    Map<Path, String> why = Map.of(missing, "does not exist", dir, "not a regular file",
        plain, "not executable");
    why.forEach((path, reason) -> assertUnavailable(() -> OciRuntime.locate(Optional.of(path),
        dir, false, Map.of()), path.toString(), reason));
    Path fake = script("ok", "exit 0");
    assertThat(OciRuntime.locate(Optional.of(fake), dir, false, Map.of()).binary())
        .isEqualTo(fake);
  }

  @Test
  void runcIsFoundOnTheCallersPath() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(a.resolve("runc"), "not executable");
    Path runc = Files.move(script("x", "exit 0"), b.resolve("runc"));
    OciRuntime r = OciRuntime.locate(Optional.empty(), dir, false,
        Map.of("PATH", a + "::" + b), List.of());
    assertThat(r.binary()).isEqualTo(runc);
  }

  @Test
  void withoutRuncAnywhereTheErrorSaysHowToInstallIt() {
    assertUnavailable(() -> OciRuntime.locate(Optional.empty(), dir, false,
        Map.of("PATH", dir.toString()), List.of(dir.resolve("runc"))),
        "OCI runtime runc not found on the PATH: install it (apt-get install runc) or pass "
            + "--runtime PATH", "");
  }

  @Test
  void callsPutRootAndRootlessBeforeTheCommandAndGetTheCallersEnv() throws Exception {
    Path log = dir.resolve("log");
    Path fake = script("log", "echo \"$GREETING $*\" >> " + log);
    Path state = dir.resolve("state");
    OciRuntime r = OciRuntime.locate(Optional.of(fake), state, true, Map.of("GREETING", "hi"));
    r.kill("c1", "TERM");
    r.delete("c1");
    assertThat(Files.readAllLines(log)).containsExactly(
        "hi --root " + state + " --rootless true kill c1 TERM",
        "hi --root " + state + " --rootless true delete --force c1");
  }

  @Test
  void aFailingCallNamesTheContainerAndQuotesTheRuntimesStderr() throws Exception {
    Path fake = script("fail", "echo 'level=error msg=\"boom happened\"' >&2; exit 1");
    OciRuntime r = OciRuntime.locate(Optional.of(fake), dir, false, Map.of());
    for (ThrowingCallable call : List.<ThrowingCallable>of(() -> r.kill("c7", "KILL"),
        () -> r.delete("c7"), () -> r.pid("c7"))) {
      assertUnavailable(call, "c7", "boom happened");
    }
    assertUnavailable(r::list, dir.toString(), "boom happened");
  }

  @Test
  void aContainerThatIsGoneOrStoppedIsNoError() throws Exception {
    Path fake = script("gone", "echo \"$MSG\" >&2; exit 1");
    for (String msg : List.of("container does not exist", "container not running")) {
      OciRuntime r = OciRuntime.locate(Optional.of(fake), dir, false, Map.of("MSG", msg));
      r.kill("c1", "TERM");
    }
    OciRuntime r = OciRuntime.locate(Optional.of(fake), dir, false,
        Map.of("MSG", "container does not exist"));
    r.delete("c1");
    assertThat(r.pid("c1")).isEmpty();
  }

  @Test
  void aHungCallIsKilledAndReported() throws Exception {
    Path fake = script("hang", "exec sleep 600");
    OciRuntime r = OciRuntime.locate(Optional.of(fake), dir, false, Map.of())
        .withCallTimeout(Duration.ofMillis(200));
    assertUnavailable(() -> r.delete("c9"), "c9", "no answer");
  }

  @Test
  void listReadsTheIdsAndIsEmptyWithoutAStateDir() throws Exception {
    Path fake = script("list", "printf '%s' \"$OUT\"");
    Path state = Files.createDirectories(dir.resolve("state"));
    OciRuntime r = OciRuntime.locate(Optional.of(fake), state, false,
        Map.of("OUT", "[{\"id\":\"a\",\"pid\":1},{\"id\":\"b\",\"pid\":0}]"));
    assertThat(r.list()).containsExactly("a", "b");
    assertThat(OciRuntime.locate(Optional.of(fake), state, false, Map.of("OUT", "null")).list())
        .isEmpty();
    Path failing = script("fails", "exit 1");
    assertThat(OciRuntime.locate(Optional.of(failing), dir.resolve("none"), false, Map.of())
        .list()).isEmpty();
  }

  @Test
  void pidIsKnownOnlyWhileRunning() throws Exception {
    Path fake = script("state", "printf '%s' \"$OUT\"");
    assertThat(OciRuntime.locate(Optional.of(fake), dir, false,
        Map.of("OUT", "{\"status\":\"running\",\"pid\":4242}")).pid("c1")).hasValue(4242);
    assertThat(OciRuntime.locate(Optional.of(fake), dir, false,
        Map.of("OUT", "{\"status\":\"stopped\",\"pid\":0}")).pid("c1")).isEmpty();
  }

  @Test
  void anIdThatCouldReadAsAnOptionIsRefused() throws Exception {
    OciRuntime r = OciRuntime.locate(Optional.of(script("x", "exit 0")), dir, false, Map.of());
    assertThatThrownBy(() -> r.kill("--all", "KILL"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.delete("a b")).isInstanceOf(IllegalArgumentException.class);
  }

  private Path script(String name, String body) throws Exception {
    Path p = dir.resolve(name + ".sh");
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private static void assertUnavailable(ThrowingCallable call, String names, String says) {
    assertThatThrownBy(call).isInstanceOfSatisfying(HangarException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_UNAVAILABLE))
        .hasMessageContaining(names).hasMessageContaining(says);
  }
}
