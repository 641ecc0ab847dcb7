package dev.hangar.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion with a deadline (the Go programs, {@code go build}, {@code
 * ./hangar}) and captures its output. The process is killed when the deadline passes.
 */
final class Command {

  /** What a finished command left behind. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    /** A readable summary for assertion messages. */
    String describe() {
      return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout
          + "\n--- stderr\n" + stderr;
    }
  }

  private Command() {}

  /**
   * Runs {@code <repo>/hangar ARGS} with {@code HANGAR_ROOT} set to {@code root}, so that the
   * user's own plugin dirs never leak into a test.
   */
  static Result hangar(Path root, String... args) {
    return hangarWithInput(root, null, args);
  }

  /** As {@link #hangar(Path, String...)}, with {@code stdin} given to the command. */
  static Result hangarWithInput(Path root, String stdin, String... args) {
    Path repo = HangarProcess.repo();
    List<String> command = new java.util.ArrayList<>();
    command.add(repo.resolve("hangar").toString());
    command.addAll(List.of(args));
    return run(command, repo, Map.of("HANGAR_ROOT", root.toString()), Duration.ofMinutes(2), stdin);
  }

  /** Runs {@code command} in {@code dir} with extra {@code env}, failing after {@code limit}. */
  static Result run(List<String> command, Path dir, Map<String, String> env, Duration limit) {
    return run(command, dir, env, limit, null);
  }

  /** As {@link #run(List, Path, Map, Duration)}, with {@code env} as the whole environment. */
  static Result runWithEnvOnly(List<String> command, Path dir, Map<String, String> env,
      Duration limit) {
    return run(command, dir, env, true, limit, null);
  }

  /** As {@link #run(List, Path, Map, Duration)}, writing {@code stdin} to the process first. */
  static Result run(List<String> command, Path dir, Map<String, String> env, Duration limit,
      String stdin) {
    return run(command, dir, env, false, limit, stdin);
  }

  private static Result run(List<String> command, Path dir, Map<String, String> env,
      boolean envOnly, Duration limit, String stdin) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    if (envOnly) {
      pb.environment().clear();
    }
    pb.environment().putAll(env);
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    try {
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      if (stdin != null) {
        try (var in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        throw new AssertionError("timed out after " + limit + ": " + String.join(" ", command)
            + "\n--- stderr so far\n" + err.getNow(""));
      }
      return new Result(List.copyOf(command), p.exitValue(), out.get(), err.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("reading the output of " + command, e);
    } finally {
      if (p.isAlive()) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }

  /** Reads a stream to its end on its own thread (never the common pool: reads block). */
  static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (in) {
        f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        f.complete("(output lost: " + e + ")");
      }
    });
    return f;
  }
}
