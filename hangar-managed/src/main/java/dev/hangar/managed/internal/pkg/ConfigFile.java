package dev.hangar.managed.internal.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes staging/config.json, 0600, as moby writes plugin state. */
final class ConfigFile {
  private ConfigFile() {}

  static void write(Path staging, byte[] config) {
    Path p = staging.resolve(TarExtractor.CONFIG);
    try {
      Files.write(Files.createFile(p, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------"))), config, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw PackageErrors.io(p.toString(), e);
    }
  }
}
