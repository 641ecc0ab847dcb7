package dev.hangar.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scratch files and directories for fuzz tests of parsers that read a file: one
 * {@link ShortTempDir} per JVM, deleted when the JVM exits, in which each fuzzed input overwrites
 * the file of the same name. A fuzzer runs one input at a time, so one file per name suffices.
 *
 * @since 0.1
 */
public final class FuzzFiles {
  private static final ShortTempDir DIR = create();

  private FuzzFiles() {}

  /** Writes {@code content} to the scratch file {@code name} and returns its path. */
  public static Path write(String name, byte[] content) {
    try {
      return Files.write(DIR.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The path {@code name} in the scratch directory with nothing there: what was (a file or a
   * whole tree, such as the staging directory of an earlier input's import) is deleted first.
   */
  public static Path fresh(String name) {
    Path p = DIR.resolve(name);
    try {
      ShortTempDir.deleteTree(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static ShortTempDir create() {
    ShortTempDir dir = new ShortTempDir();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        dir.close();
      } catch (IOException e) {
        // the JVM is exiting: a scratch file left in /tmp is harmless
      }
    }));
    return dir;
  }
}
