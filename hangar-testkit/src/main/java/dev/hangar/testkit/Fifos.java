package dev.hangar.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Named pipes, for tests that put one where a regular file is expected: opening a FIFO for
 * reading blocks until a writer comes, so every reader of user-named files must refuse them.
 */
public final class Fifos {
  private Fifos() {}

  /**
   * Makes a FIFO at {@code path} with {@code mkfifo(1)} (its directories created).
   *
   * @return {@code path}
   */
  public static Path create(Path path) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("mkfifo " + path + " failed");
      }
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
