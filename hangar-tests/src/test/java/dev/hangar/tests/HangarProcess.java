package dev.hangar.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./hangar} from the repository root as a user would, and captures what it prints. */
final class HangarProcess {
  /** What one run gave. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private HangarProcess() {}

  /** The repository root, passed by failsafe as {@code hangar.repo}. */
  static Path repo() {
    String r = System.getProperty("hangar.repo");
    Path p = r == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(r);
    if (!Files.isExecutable(p.resolve("hangar"))) {
      throw new IllegalStateException("no ./hangar launcher under " + p);
    }
    return p;
  }

  /** The example volume plugin's jar, built by the reactor before this module. */
  static Path volumePluginJar() {
    return repo().resolve("examples/volume-plugin/target/volume-plugin.jar");
  }

  /** Runs {@code ./hangar args...} with {@code HANGAR_ROOT=root} and the given stdin. */
  static Result run(Path root, String stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(repo().resolve("hangar").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo().toFile());
    Map<String, String> env = pb.environment();
    env.put("HANGAR_ROOT", root.toString());
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("./hangar " + args[0] + " did not finish within 120 s");
      }
      return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts the example volume plugin on {@code socket}, its volumes under {@code volumes}. */
  static Process startVolumePlugin(Path socket, Path volumes) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-jar", volumePluginJar().toString(),
        "--socket", socket.toString(), "--root", volumes.toString())
        .redirectErrorStream(true)
        .redirectOutput(volumes.resolveSibling(volumes.getFileName() + ".log").toFile())
        .start();
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
