package dev.hangar.registry.internal.creds;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code docker-credential-<name> <action>} as Docker's credential-helper client does: the
 * input on stdin (no newline added), the answer on stdout, "credentials not found" as a normal
 * outcome.
 */
public final class HelperProcess {
  /** What helpers print, with exit 1, when they hold nothing for the server. */
  public static final String NOT_FOUND = "credentials not found in native keychain";
  private static final int MAX_OUTPUT = 1 << 20;

  private final List<Path> path;
  private final Duration timeout;

  /**
   * @param path the directories searched for helpers, in order (Docker uses {@code $PATH})
   * @param timeout how long a helper may run
   */
  public HelperProcess(List<Path> path, Duration timeout) {
    this.path = List.copyOf(path);
    this.timeout = timeout;
  }

  /**
   * The helper's executable, when one of that name is on the path.
   *
   * @param name the helper's suffix ({@code osxkeychain} for {@code docker-credential-osxkeychain})
   * @return its file, or empty
   */
  public Optional<Path> find(String name) {
    String file = "docker-credential-" + name;
    for (Path dir : path) {
      Path p = dir.resolve(file);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the helper.
   *
   * @param exe the helper
   * @param action {@code get}, {@code store} or {@code erase}
   * @param input what goes to its stdin
   * @return its stdout, or empty when it said it holds no credentials for the server
   * @throws HangarException (CREDENTIALS_INVALID) when it fails otherwise or times out
   */
  public Optional<String> run(Path exe, String action, String input) {
    Process p;
    try {
      p = new ProcessBuilder(exe.toString(), action).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw fail(exe, action, "cannot start: " + e.getMessage(), e);
    }
    try {
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readCapped(p));
      try (OutputStream in = p.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // The helper may exit without reading its input; its exit status tells.
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw fail(exe, action, "did not finish within " + timeout.toSeconds() + " s", null);
      }
      String text = new String(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
          StandardCharsets.UTF_8).strip();
      if (p.exitValue() == 0) {
        return Optional.of(text);
      }
      if (text.contains(NOT_FOUND)) {
        return Optional.empty();
      }
      throw fail(exe, action, "exit status " + p.exitValue() + ", out: `" + text + "`", null);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw fail(exe, action, "interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      p.destroyForcibly();
      throw fail(exe, action, "cannot read its output: " + e.getMessage(), e);
    }
  }

  private static byte[] readCapped(Process p) {
    try (InputStream in = p.getInputStream()) {
      byte[] b = in.readNBytes(MAX_OUTPUT);
      in.transferTo(OutputStream.nullOutputStream());
      return b;
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static HangarException fail(Path exe, String action, String why, Throwable cause) {
    return new HangarException(ErrorCode.CREDENTIALS_INVALID, "error " + switch (action) {
      case "get" -> "getting";
      case "store" -> "storing";
      default -> "erasing";
    } + " credentials with " + exe + ": " + why, cause);
  }
}
