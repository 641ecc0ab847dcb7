package dev.hangar.internal.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files for declaration tests: executables, plain files and {@code .plugin.toml}s. */
final class DeclFixtures {
  private DeclFixtures() {}

  /** A shell script at {@code dir/name} with the given permissions, e.g. {@code rwxr-xr-x}. */
  static Path script(Path dir, String name, String perms) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An executable shell script at {@code dir/name}. */
  static Path exe(Path dir, String name) {
    return script(dir, name, "rwxr-xr-x");
  }

  /** Writes {@code text} (UTF-8) to {@code dir/name}. */
  static Path toml(Path dir, String name, String text) {
    return bytes(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code content} to {@code dir/name}. */
  static Path bytes(Path dir, String name, byte[] content) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      return Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TOML basic string holding {@code s} (paths in tests have no quotes or backslashes). */
  static String quoted(Path s) {
    return "\"" + s + "\"";
  }
}
