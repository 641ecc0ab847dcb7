package dev.hangar.managed.internal.pkg;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymlinkCheckTest {
  @TempDir Path root;

  private static EntryPath p(String s) {
    return EntryPath.parse(s, 4096, "test", "path");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "sh|/bin/busybox", "bin/sh|busybox", "bin/sh|../usr/bin/busybox", "a/b/c|../../x",
      "l|/", "l|.", "l|/..x", "l|a/../b", "bin/l|../bin/../bin", "l|//etc"})
  void targetsInsideTheRootfsAreAccepted(String link, String target) {
    assertThatCode(() -> SymlinkCheck.checkTarget(p(link), target, 4096, "w"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "l|..", "l|../x", "a/b|../../x", "l|/..", "l|/bin/../../etc", "l|a/../../x",
      "bin/l|../../bin/../bin"})
  void targetsClimbingAboveTheRootAreRefused(String link, String target) {
    assertThatThrownBy(() -> SymlinkCheck.checkTarget(p(link), target, 4096, "w"))
        .hasMessage("w: symlink target \"" + target + "\" escapes the rootfs");
  }

  @Test
  void theAuditFollowsLinksOnDiskButStopsWhereTheKernelWould() throws IOException {
    Files.createDirectories(root.resolve("x"));
    Files.createSymbolicLink(root.resolve("x/y"), Path.of(".."));
    Files.createSymbolicLink(root.resolve("a"), Path.of("x/y"));
    Files.createSymbolicLink(root.resolve("ok"), Path.of("a/x")); // root/x: inside
    Files.createSymbolicLink(root.resolve("abs"), Path.of("/a/x/y/x")); // inside
    Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2/.."));
    Files.createSymbolicLink(root.resolve("loop2"), Path.of("loop1/.."));
    Files.writeString(root.resolve("file"), "x");
    Files.createSymbolicLink(root.resolve("notdir"), Path.of("file/../.."));
    List<SymlinkCheck.Link> fine = List.of(link("ok"), link("abs"), link("loop1"),
        link("notdir"), link("x/y"), link("a"));
    assertThatCode(() -> SymlinkCheck.audit(root, fine)).doesNotThrowAnyException();

    Files.createSymbolicLink(root.resolve("out"), Path.of("a/.."));
    assertThatThrownBy(() -> SymlinkCheck.audit(root, List.of(link("out"))))
        .hasMessage("out: symlink target \"a/..\" escapes the rootfs (through the other links "
            + "in the rootfs)");
    Files.createSymbolicLink(root.resolve("absout"), Path.of("/a/../x"));
    assertThatThrownBy(() -> SymlinkCheck.audit(root, List.of(link("absout"))))
        .hasMessageContaining("escapes the rootfs");
  }

  private static SymlinkCheck.Link link(String path) {
    return new SymlinkCheck.Link(p(path), path);
  }
}
