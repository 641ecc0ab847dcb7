package dev.hangar.managed.internal.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's effective uid and gid, read from {@code /proc/self/status}. */
public final class HostIds {
  private HostIds() {}

  /** The effective uid. */
  public static long euid() {
    return effective("Uid:");
  }

  /** The effective gid. */
  public static long egid() {
    return effective("Gid:");
  }

  /** Whether this process runs as root. */
  public static boolean isRoot() {
    return euid() == 0;
  }

  /** The second number of the {@code Uid:}/{@code Gid:} line: real, effective, saved, fs. */
  private static long effective(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/self/status", e);
    }
    throw new IllegalStateException("/proc/self/status has no " + key + " line");
  }
}
