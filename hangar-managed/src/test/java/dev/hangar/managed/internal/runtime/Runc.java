package dev.hangar.managed.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the runc tests need: root, runc and a static busybox, else a skip (a failure under CI);
 * a busybox rootfs; the output of a finished container.
 */
final class Runc {
  static final Path BUSYBOX = Path.of("/usr/bin/busybox");

  private Runc() {}

  /** Skips the test (fails it when {@code CI} is set) unless root, runc and busybox are here. */
  static void assumeUsable() {
    List<String> missing = new ArrayList<>();
    if (HostIds.euid() != 0) {
      missing.add("root");
    }
    try {
      OciRuntime.locate(Optional.empty(), Path.of("/nonexistent"), false, System.getenv());
    } catch (RuntimeException e) {
      missing.add("runc (" + e.getMessage() + ")");
    }
    if (!Files.isExecutable(BUSYBOX)) {
      missing.add(BUSYBOX + " (apt-get install busybox-static)");
    }
    if (missing.isEmpty()) {
      return;
    }
    String why = "runc tests need " + String.join(", ", missing);
    if (System.getenv("CI") != null) {
      fail(why + " (CI is set: not skipped)");
    }
    Assumptions.abort(why);
  }

  /** A rootfs under {@code dir}: busybox in {@code /bin} and a symbolic link per applet. */
  static Path rootfs(Path dir) throws IOException, InterruptedException {
    Path rootfs = dir.resolve("rootfs");
    Path bin = Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"));
    Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
    String applets = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(list.waitFor()).as("busybox --list").isZero();
    for (String applet : applets.split("\\s+")) {
      if (!applet.isEmpty() && !applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
    }
    return rootfs;
  }

  /**
   * What a container printed and how it ended.
   *
   * @param exit the exit status of {@code runc run}, which is the container's
   * @param stdout its standard output
   * @param stderr its standard error
   */
  record Ran(int exit, String stdout, String stderr) {}

  /** Both streams of {@code p}, read to their end, and its exit status. */
  static Ran finish(Process p) throws Exception {
    CompletableFuture<String> out = readAll(p.getInputStream());
    CompletableFuture<String> err = readAll(p.getErrorStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the container ends").isTrue();
    return new Ran(p.exitValue(), out.get(60, TimeUnit.SECONDS), err.get(60, TimeUnit.SECONDS));
  }

  static CompletableFuture<String> readAll(InputStream in) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (in) {
        f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        f.completeExceptionally(new UncheckedIOException(e));
      }
    });
    return f;
  }
}
