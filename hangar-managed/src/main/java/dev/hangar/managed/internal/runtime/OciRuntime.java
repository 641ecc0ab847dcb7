package dev.hangar.managed.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.internal.store.AtomicFiles;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * An OCI runtime (runc, or one that takes runc's command line) with its state directory: runs
 * plugin containers in the foreground and lists, kills and deletes them. Thread-safe.
 *
 * <p>Every call but {@link #run} is bounded ({@link #CALL_TIMEOUT}); errors name the container
 * and quote the runtime's stderr.
 */
public final class OciRuntime {
  /** The bound on {@code list}, {@code kill}, {@code delete} and {@code state}. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /** How often {@link #killStrayCalls} looks whether a killed call has ended: 1 ms doubling... */
  static final Duration STRAY_FIRST_PAUSE = Duration.ofMillis(1);
  /** ... to 5 ms. */
  static final Duration STRAY_MAX_PAUSE = Duration.ofMillis(5);

  /** runc's container ID syntax; also keeps an ID from reading as an option. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+.-]*");

  private final Path binary;
  private final Path stateRoot;
  private final boolean rootless;
  private final Map<String, String> env;
  private final Duration callTimeout;

  private OciRuntime(Path binary, Path stateRoot, boolean rootless, Map<String, String> env,
      Duration callTimeout) {
    this.binary = binary;
    this.stateRoot = stateRoot.toAbsolutePath();
    this.rootless = rootless;
    this.env = Map.copyOf(env);
    this.callTimeout = callTimeout;
  }

  /** Where runc is looked for when it is not on the {@code PATH}. */
  static final List<Path> FALLBACKS = List.of(Path.of("/usr/sbin/runc"), Path.of("/usr/bin/runc"));

  /**
   * Finds the runtime: {@code binary} if given (an executable regular file), else {@code runc}
   * on the {@code PATH} of {@code env}, else {@code /usr/sbin/runc} or {@code /usr/bin/runc}.
   *
   * @param stateRoot the runtime's {@code --root}
   * @param rootless pass {@code --rootless true} (a runtime without privileges)
   * @param env the caller's environment: its {@code PATH} for the lookup, and the runtime's
   *     whole environment
   * @throws HangarException RUNTIME_UNAVAILABLE when it is not found or not usable
   */
  public static OciRuntime locate(Optional<Path> binary, Path stateRoot, boolean rootless,
      Map<String, String> env) {
    return locate(binary, stateRoot, rootless, env, FALLBACKS);
  }

  /** {@link #locate(Optional, Path, boolean, Map)} with other fallbacks (for tests). */
  static OciRuntime locate(Optional<Path> binary, Path stateRoot, boolean rootless,
      Map<String, String> env, List<Path> fallbacks) {
    if (binary.isPresent()) {
      Path b = binary.get();
      String why = !Files.exists(b) ? "it does not exist"
          : !Files.isRegularFile(b) ? "it is not a regular file"
          : !Files.isExecutable(b) ? "it is not executable" : "";
      if (!why.isEmpty()) {
        throw new HangarException(ErrorCode.RUNTIME_UNAVAILABLE,
            "OCI runtime " + b + " cannot be used: " + why);
      }
      return new OciRuntime(b.toAbsolutePath(), stateRoot, rootless, env, CALL_TIMEOUT);
    }
    List<Path> candidates = new ArrayList<>();
    for (String dir : env.getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "runc"));
      }
    }
    candidates.addAll(fallbacks);
    for (Path c : candidates) {
      if (Files.isRegularFile(c) && Files.isExecutable(c)) {
        return new OciRuntime(c.toAbsolutePath(), stateRoot, rootless, env, CALL_TIMEOUT);
      }
    }
    throw new HangarException(ErrorCode.RUNTIME_UNAVAILABLE, "OCI runtime runc not found on the "
        + "PATH: install it (apt-get install runc) or pass --runtime PATH");
  }

  /** This runtime with another bound on its short calls (for tests). */
  OciRuntime withCallTimeout(Duration timeout) {
    return new OciRuntime(binary, stateRoot, rootless, env, timeout);
  }

  /** The runtime's binary. */
  public Path binary() {
    return binary;
  }

  /**
   * Starts {@code <runtime> --root <stateRoot> [--rootless true] run --bundle <bundle> <id>} in
   * the foreground: no terminal, stdin from {@code /dev/null}, stdout and stderr as separate
   * pipes that carry the plugin's output. The process ends when the container does, with its
   * exit status; the caller owns it (read both streams, wait for it).
   *
   * @param bundle a directory holding {@code config.json} (see {@link #writeBundle})
   * @throws HangarException PLUGIN_START_FAILED when the bundle has no {@code config.json} or the
   *     runtime cannot be started
   */
  public Process run(String id, Path bundle) {
    checkId(id);
    if (!Files.isRegularFile(bundle.resolve("config.json"))) {
      throw new HangarException(ErrorCode.PLUGIN_START_FAILED,
          "container " + id + ": bundle " + bundle + " has no config.json");
    }
    List<String> command = command("run", "--bundle", bundle.toAbsolutePath().toString(), id);
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectInput(Redirect.from(RuntimeCall.DEV_NULL))
        .directory(bundle.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    try {
      return pb.start();
    } catch (IOException e) {
      throw new HangarException(ErrorCode.PLUGIN_START_FAILED,
          "container " + id + ": cannot start " + binary + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code bundle/config.json} atomically: a temp file, fsync, rename. Creates
   * {@code bundle} if missing.
   *
   * @throws HangarException IO_ERROR naming the file
   */
  public static void writeBundle(Path bundle, ObjectNode spec) {
    Path file = bundle.resolve("config.json");
    try {
      Files.createDirectories(bundle);
      AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(spec));
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot write " + file + ": " + e, e);
    }
  }

  /**
   * Kills (SIGKILL) every process of this runtime working on this state root ({@code --root
   * <stateRoot>} on its command line) that an earlier owner left behind, and waits up to
   * {@code patience} for them to end: a {@code run} killed with its parent may otherwise finish
   * starting a container after {@link #list} looked. Returns how many there were.
   */
  public int killStrayCalls(Duration patience) {
    String root = stateRoot.toString();
    List<ProcessHandle> strays = ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(p -> {
          String[] a = p.info().arguments().orElse(new String[0]);
          for (int i = 0; i + 1 < a.length; i++) {
            if (a[i].equals("--root") && a[i + 1].equals(root)) {
              return true;
            }
          }
          return false;
        }).toList();
    strays.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + patience.toNanos();
    for (ProcessHandle p : strays) {
      long pauseNanos = STRAY_FIRST_PAUSE.toNanos();
      while (!ended(p) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(Duration.ofNanos(pauseNanos));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return strays.size();
        }
        pauseNanos = Math.min(pauseNanos * 2, STRAY_MAX_PAUSE.toNanos());
      }
    }
    return strays.size();
  }

  /**
   * Whether {@code p} has ended: gone, or every thread of it has exited and only its exit status
   * is left for its parent to reap (a zombie). The strays are orphans whose new parent is init,
   * which may reap them seconds later (some inits poll); a zombie cannot act any more.
   */
  static boolean ended(ProcessHandle p) {
    if (!p.isAlive()) {
      return true;
    }
    // A zombie leader may still have threads finishing a system call: look at every thread.
    Path tasks = Path.of("/proc", Long.toString(p.pid()), "task");
    try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
      for (Path task : ds) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"),
              java.nio.charset.StandardCharsets.ISO_8859_1); // comm may be any bytes
        } catch (java.nio.file.NoSuchFileException e) {
          continue; // this thread has just gone
        }
        // "tid (comm) S ...": the state follows the last ')', as comm may hold anything.
        int close = stat.lastIndexOf(')');
        char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        if (state != 'Z' && state != 'X') {
          return false;
        }
      }
      return true;
    } catch (java.nio.file.NoSuchFileException e) {
      return true; // reaped meanwhile
    } catch (IOException e) {
      return !p.isAlive(); // no /proc to read: only the handle can tell
    }
  }

  /**
   * The IDs of the containers under the state root ({@code list --format json}); empty when the
   * state root does not exist.
   *
   * @throws HangarException RUNTIME_UNAVAILABLE when the runtime fails or times out
   */
  public List<String> list() {
    if (!Files.isDirectory(stateRoot)) {
      return List.of();
    }
    RuntimeCall.Result r = call("list", "list", "--format", "json");
    if (r.exit() != 0) {
      throw failed("list", "containers under " + stateRoot, r);
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode c : parse("list", r.stdout())) {
      ids.add(c.path("id").asText());
    }
    return ids;
  }

  /**
   * Sends {@code signal} ({@code TERM}, {@code KILL}, ...) to the container's process; a
   * container that is gone or has stopped is not an error.
   *
   * @throws HangarException RUNTIME_UNAVAILABLE when the runtime fails or times out
   */
  public void kill(String id, String signal) {
    checkId(id);
    RuntimeCall.Result r = call("kill " + id, "kill", id, signal);
    if (r.exit() != 0 && !gone(r.stderr()) && !r.stderr().contains("not running")
        && !r.stderr().contains("process already finished")) {
      throw failed("kill", id, r);
    }
  }

  /**
   * Deletes the container ({@code delete --force}: killed first if running); a container that is
   * gone is not an error.
   *
   * @throws HangarException RUNTIME_UNAVAILABLE when the runtime fails or times out
   */
  public void delete(String id) {
    checkId(id);
    RuntimeCall.Result r = call("delete " + id, "delete", "--force", id);
    if (r.exit() != 0 && !gone(r.stderr())) {
      throw failed("delete --force", id, r);
    }
  }

  /**
   * The host PID of the container's process ({@code state}), when it is running.
   *
   * @throws HangarException RUNTIME_UNAVAILABLE when the runtime fails or times out
   */
  public OptionalLong pid(String id) {
    checkId(id);
    RuntimeCall.Result r = call("state " + id, "state", id);
    if (r.exit() != 0) {
      if (gone(r.stderr())) {
        return OptionalLong.empty();
      }
      throw failed("state", id, r);
    }
    JsonNode state = parse("state " + id, r.stdout());
    long pid = state.path("pid").asLong(0);
    return state.path("status").asText().equals("running") && pid > 0
        ? OptionalLong.of(pid) : OptionalLong.empty();
  }

  private RuntimeCall.Result call(String what, String... args) {
    return RuntimeCall.run(binary.getFileName() + " " + what, command(args), env, callTimeout);
  }

  private List<String> command(String... args) {
    List<String> c = new ArrayList<>(List.of(binary.toString(), "--root", stateRoot.toString()));
    if (rootless) {
      c.addAll(List.of("--rootless", "true"));
    }
    c.addAll(List.of(args));
    return c;
  }

  private JsonNode parse(String what, String stdout) {
    try {
      return Json.MAPPER.readTree(stdout.isBlank() ? "null" : stdout);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.RUNTIME_UNAVAILABLE,
          binary.getFileName() + " " + what + ": unreadable output: " + e.getMessage(), e);
    }
  }

  private HangarException failed(String op, String what, RuntimeCall.Result r) {
    return new HangarException(ErrorCode.RUNTIME_UNAVAILABLE, binary.getFileName() + " " + op
        + " failed for " + what + " (exit " + r.exit() + "): "
        + (r.stderr().isEmpty() ? "no message" : r.stderr()));
  }

  private static boolean gone(String stderr) {
    return stderr.contains("does not exist");
  }

  private static void checkId(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a container ID: \"" + id + "\"");
    }
  }
}
