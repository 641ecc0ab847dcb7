package dev.hangar.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a directory, for tests of what a full disk does: writes past its size
 * fail with ENOSPC ("No space left on device"), as on a real disk. Mounting needs root (or
 * {@code CAP_SYS_ADMIN}); {@link #mount} says empty where it cannot, so that a test can skip.
 * {@link #close()} unmounts it (lazily when it is busy) and is safe to call twice.
 *
 * <pre>{@code
 * Tmpfs disk = Tmpfs.mount(dir, 8 << 20).orElse(null);
 * assumeTrue(disk != null, "cannot mount a tmpfs (not root?)");
 * }</pre>
 *
 * @since 0.1
 */
public final class Tmpfs implements AutoCloseable {
  private final Path dir;
  private boolean mounted = true;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /**
   * Mounts a tmpfs of {@code bytes} on {@code dir} (created if missing).
   *
   * @return the mount, or empty when this process may not mount (not root) or mount failed
   */
  public static Optional<Tmpfs> mount(Path dir, long bytes) {
    try {
      Files.createDirectories(dir);
      if (!run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs",
          dir.toString())) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(new Tmpfs(dir));
  }

  /** The directory it is mounted on. */
  public Path dir() {
    return dir;
  }

  /**
   * Gives the mount a new size, keeping its files: "freeing space" in one step.
   *
   * @throws IOException when the remount fails (e.g. smaller than what it holds)
   */
  public void resize(long bytes) throws IOException {
    if (!run("mount", "-o", "remount,size=" + bytes, dir.toString())) {
      throw new IOException("cannot resize the tmpfs on " + dir + " to " + bytes + " bytes");
    }
  }

  /** The bytes still free on it. */
  public long free() throws IOException {
    return Files.getFileStore(dir).getUsableSpace();
  }

  /** Unmounts it; a busy mount is detached lazily. What was on it is gone. */
  @Override
  public void close() throws IOException {
    if (!mounted) {
      return;
    }
    if (!run("umount", dir.toString()) && !run("umount", "-l", dir.toString())) {
      throw new IOException("cannot unmount the tmpfs on " + dir);
    }
    mounted = false;
  }

  private static boolean run(String... command) throws IOException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }
}
