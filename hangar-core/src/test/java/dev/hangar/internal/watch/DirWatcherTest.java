package dev.hangar.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirWatcherTest {
  @TempDir Path root;

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  @Test
  void aChangeInAWatchedDirectorySyncs() throws Exception {
    Path dir = Files.createDirectories(root.resolve("plugins"));
    AtomicInteger syncs = new AtomicInteger();
    try (DirWatcher w =
        new DirWatcher("test-watch", List.of(dir), syncs::incrementAndGet, e -> { })) {
      Files.writeString(dir.resolve("a.jar"), "x");
      assertThat(eventually(() -> syncs.get() >= 1)).isTrue();
    }
  }

  @Test
  void aDirectoryMissingAtStartIsWatchedOnceItExists() throws Exception {
    Path dir = root.resolve("plugins");
    AtomicInteger syncs = new AtomicInteger();
    try (DirWatcher w =
        new DirWatcher("test-watch", List.of(dir), syncs::incrementAndGet, e -> { })) {
      Files.createDirectories(dir);
      assertThat(eventually(() -> syncs.get() >= 1)).as("synced when it appeared").isTrue();
      int before = syncs.get();
      Files.writeString(dir.resolve("a.jar"), "x");
      assertThat(eventually(() -> syncs.get() > before)).as("then watched").isTrue();
    }
  }

  @Test
  void aDirectoryRemovedAndCreatedAgainIsWatchedAgain() throws Exception {
    Path dir = Files.createDirectories(root.resolve("plugins"));
    AtomicInteger syncs = new AtomicInteger();
    try (DirWatcher w =
        new DirWatcher("test-watch", List.of(dir), syncs::incrementAndGet, e -> { })) {
      Files.writeString(dir.resolve("a.jar"), "x");
      assertThat(eventually(() -> syncs.get() >= 1)).isTrue();
      Files.delete(dir.resolve("a.jar"));
      Files.delete(dir);
      Files.createDirectories(dir);
      int before = syncs.get();
      assertThat(eventually(() -> syncs.get() > before)).as("synced when it came back").isTrue();
      int again = syncs.get();
      Files.writeString(dir.resolve("b.jar"), "y");
      assertThat(eventually(() -> syncs.get() > again)).as("then watched").isTrue();
    }
  }
}
