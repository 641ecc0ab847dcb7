package dev.hangar.managed.internal.runtime;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One short runtime command ({@code list}, {@code kill}, ...), bounded in time, output kept. */
final class RuntimeCall {
  /**
   * What the command did.
   *
   * @param exit its exit status
   * @param stdout its standard output
   * @param stderr its standard error, trimmed
   */
  record Result(int exit, String stdout, String stderr) {}

  static final File DEV_NULL = new File("/dev/null");

  private RuntimeCall() {}

  /**
   * Runs {@code command} with {@code env} as its whole environment and stdin from
   * {@code /dev/null}, waiting at most {@code timeout}.
   *
   * @param what names the call in errors, e.g. {@code runc kill hangar-1}
   * @throws HangarException RUNTIME_UNAVAILABLE when it cannot be started or does not finish in
   *     time (it is then killed)
   */
  static Result run(String what, List<String> command, Map<String, String> env,
      Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectInput(Redirect.from(DEV_NULL));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new HangarException(ErrorCode.RUNTIME_UNAVAILABLE,
          what + ": cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new HangarException(ErrorCode.RUNTIME_UNAVAILABLE,
            what + ": no answer from the runtime in " + timeout.toSeconds() + " s");
      }
      // The streams end with the process, unless something it started holds them open.
      return new Result(p.exitValue(), out.get(2, TimeUnit.SECONDS),
          err.get(2, TimeUnit.SECONDS).strip());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HangarException(ErrorCode.RUNTIME_UNAVAILABLE, what + ": interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new HangarException(ErrorCode.RUNTIME_UNAVAILABLE,
          what + ": cannot read the runtime's output: " + e, e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread.ofVirtual().name("runtime-call-output").start(() -> {
      try (in) {
        f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        f.completeExceptionally(new UncheckedIOException(e));
      }
    });
    return f;
  }
}
