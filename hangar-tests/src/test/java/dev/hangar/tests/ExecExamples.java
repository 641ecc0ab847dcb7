package dev.hangar.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The exec plugin examples, built by the reactor before this module, and a way to run an exec
 * plugin the way Hangar does: argv = method and JSON arguments, stdin empty, an environment of
 * only {@code PATH}, {@code HOME} and {@code LANG} plus what is given.
 */
final class ExecExamples {
  private ExecExamples() {}

  /** {@code examples/ovs-exec-plugin}: holds {@code ovs.plugin.toml}. */
  static Path ovsDir() {
    return HangarProcess.repo().resolve("examples/ovs-exec-plugin");
  }

  /** The ovs example's launcher script, {@code target/ovs-exec-plugin}. */
  static Path ovsLauncher() {
    return built(ovsDir().resolve("target/ovs-exec-plugin"));
  }

  /** {@code examples/shell-exec-plugin}: holds {@code shell.plugin.toml} and the script. */
  static Path shellDir() {
    return HangarProcess.repo().resolve("examples/shell-exec-plugin");
  }

  /** The shell example, {@code shell-exec-plugin} (the build checks it and copies it to target). */
  static Path shellScript() {
    return built(shellDir().resolve("shell-exec-plugin"));
  }

  /**
   * Runs {@code plugin ARGS} with stdin from {@code /dev/null} and only {@code PATH}, {@code
   * HOME} and {@code LANG} of this JVM's environment plus {@code env}, as Hangar runs exec
   * plugins; fails the test after 60 s.
   */
  static Command.Result run(Path plugin, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(plugin.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(plugin.getParent().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> e = pb.environment();
    Map<String, String> kept = new HashMap<>();
    for (String name : List.of("PATH", "HOME", "LANG")) {
      if (e.containsKey(name)) {
        kept.put(name, e.get(name));
      }
    }
    e.clear();
    e.putAll(kept);
    e.putAll(env);
    try {
      Process p = pb.start();
      CompletableFuture<String> out = Command.drain(p.getInputStream());
      CompletableFuture<String> err = Command.drain(p.getErrorStream());
      if (!p.waitFor(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Command.Result(List.copyOf(command), p.exitValue(), out.get(), err.get());
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot start " + command, ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", ex);
    } catch (ExecutionException ex) {
      throw new AssertionError("reading the output of " + command, ex);
    }
  }

  /** The bytes a successful call writes for the JSON {@code result}. */
  static String framed(String json) {
    return "20:::" + json + "\n:::";
  }

  private static Path built(Path p) {
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p + " is missing or not executable: build the examples "
          + "(./mvnw package -pl examples/ovs-exec-plugin,examples/shell-exec-plugin -am)");
    }
    return p;
  }
}
