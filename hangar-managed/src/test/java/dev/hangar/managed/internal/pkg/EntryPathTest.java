package dev.hangar.managed.internal.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryPathTest {
  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(delimiter = '|', value = {
      "rootfs/bin/sh|rootfs,bin,sh",
      "./rootfs/bin/|rootfs,bin",
      "././rootfs//bin/./sh|rootfs,bin,sh",
      "config.json|config.json",
      "./|''",
      "''|''",
      "rootfs/.hidden/..x/x..|rootfs,.hidden,..x,x.."})
  void dropsDotsAndEmptyComponents(String raw, String parts) {
    List<String> expected = parts.isEmpty() ? List.of() : List.of(parts.split(","));
    assertThat(EntryPath.parse(raw, 4096, "tar entry", "path").parts()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\": {1}")
  @CsvSource(delimiter = '|', value = {
      "..|escapes the package",
      "../x|escapes the package",
      "rootfs/../../etc/x|escapes the package",
      "rootfs/a/..|escapes the package",
      "/etc/passwd|is absolute",
      "//x|is absolute"})
  void refusesEscapesAndAbsolutePaths(String raw, String problem) {
    assertThatThrownBy(() -> EntryPath.parse(raw, 4096, "tar entry \"" + raw + "\"", "path"))
        .isInstanceOfSatisfying(HangarException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_INVALID);
          assertThat(e.getMessage()).isEqualTo("tar entry \"" + raw + "\": path " + problem
              + (problem.startsWith("escapes") ? " (\"..\" is not allowed)" : ""));
        });
  }

  @org.junit.jupiter.api.Test
  void refusesNulAndOverlongNames() {
    assertThatThrownBy(() -> EntryPath.parse("rootfs/a\0b", 4096, "w", "path"))
        .hasMessage("w: path contains a NUL byte");
    EntryPath.parse("é".repeat(2048), 4096, "w", "path");
    assertThatThrownBy(() -> EntryPath.parse("é".repeat(2048) + "x", 4096, "w", "path"))
        .hasMessage("w: path is longer than 4096 bytes");
  }
}
