package dev.hangar.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The example volume plugin's managed package ({@code examples/volume-plugin/target/managed-plugin})
 * run under plain {@code runc}, with the OCI spec Docker's enable would give it: {@code runc spec}'s
 * defaults, the config's entrypoint, work dir and env, a host directory bound at {@code
 * /run/docker/plugins} ({@code rbind,rshared}) and one at {@code PropagatedMount}. Unlike Docker
 * the rootfs is read-only (with a tmpfs at {@code /tmp}), so the package stays as the build wrote it.
 *
 * <p>Needs root and {@code runc} (see {@link #unavailable()}). {@link #close()} kills and deletes
 * the container; it is safe to repeat.
 */
final class VolumeExampleContainer implements AutoCloseable {
  private static final String DOCKER_PATH =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Path runc;
  private final Path state;
  private final String id;
  private final Path socket;
  private final Path log;
  private final Process process;

  private VolumeExampleContainer(Path runc, Path state, String id, Path socket, Path log,
      Process process) {
    this.runc = runc;
    this.state = state;
    this.id = id;
    this.socket = socket;
    this.log = log;
    this.process = process;
  }

  /** The package directory the example's {@code package} phase writes. */
  static Path packageDir() {
    return HangarProcess.repo().resolve("examples/volume-plugin/target/managed-plugin");
  }

  /** Why the package cannot run here (not root, no runc), or empty when it can. */
  static Optional<String> unavailable() {
    if (runcBinary().isEmpty()) {
      return Optional.of("runc is not installed (apt-get install runc)");
    }
    try {
      String status = Files.readString(Path.of("/proc/self/status"));
      if (!status.lines().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"))) {
        return Optional.of("not root: runc's default spec needs root");
      }
    } catch (IOException e) {
      return Optional.of("cannot read /proc/self/status: " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * Writes a bundle under {@code work} (a short directory: the socket path must fit), starts
   * {@code runc run} and waits until the plugin's socket appears on the host side.
   *
   * @throws AssertionError when runc exits or the socket does not appear within a minute, with
   *     the container's output
   */
  static VolumeExampleContainer start(Path work) throws IOException, InterruptedException {
    Path runc = runcBinary().orElseThrow(() -> new IllegalStateException("no runc"));
    Path bundle = Files.createDirectories(work.resolve("bundle"));
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    Path propagated = Files.createDirectories(work.resolve("propagated"));
    Path state = Files.createDirectories(work.resolve("runc"));
    JsonNode config = Json.MAPPER.readTree(packageDir().resolve("config.json").toFile());
    Command.Result spec = Command.run(List.of(runc.toString(), "spec", "--bundle",
        bundle.toString()), work, Map.of(), Duration.ofSeconds(30));
    if (spec.exitCode() != 0) {
      throw new AssertionError(spec.describe());
    }
    ObjectNode oci = (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
    dockerLike(oci, config, plugins, propagated);
    Json.MAPPER.writeValue(bundle.resolve("config.json").toFile(), oci);

    String id = "hangar-vol-" + work.getFileName();
    Path log = work.resolve("container.log");
    Process process = new ProcessBuilder(runc.toString(), "--root", state.toString(), "run",
        "--bundle", bundle.toString(), id)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path socket = plugins.resolve(config.get("Interface").get("Socket").asText());
    VolumeExampleContainer c = new VolumeExampleContainer(runc, state, id, socket, log, process);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (!Files.exists(socket)) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        c.close();
        throw new AssertionError((process.isAlive() ? "no socket within a minute"
            : "runc run exited " + process.exitValue()) + "\n--- output\n" + c.output());
      }
      Thread.sleep(20);
    }
    return c;
  }

  /** The plugin's socket, as the host reaches it. */
  Path socket() {
    return socket;
  }

  /** What the container printed so far (stdout and stderr). */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(output lost: " + e + ")";
    }
  }

  /**
   * Sends SIGTERM, as Docker's disable does, and waits up to 30 s for {@code runc run} to end.
   *
   * @return the container's exit status
   * @throws AssertionError when it does not end in time
   */
  int stop() throws InterruptedException {
    runcCall("kill", id, "TERM");
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the plugin did not stop within 30 s of SIGTERM\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      runcCall("kill", id, "KILL");
      process.waitFor(30, TimeUnit.SECONDS);
    }
    runcCall("delete", "--force", id);
  }

  private void runcCall(String... args) {
    List<String> command = new ArrayList<>(List.of(runc.toString(), "--root", state.toString()));
    command.addAll(List.of(args));
    Command.run(command, state, Map.of(), Duration.ofSeconds(30));
  }

  /**
   * Turns {@code runc spec}'s defaults {@code oci} into what Docker's enable gives a plugin with
   * {@code config}: entrypoint, work dir, env, the socket dir and the propagated mount (plus a
   * read-only rootfs with a tmpfs {@code /tmp}, unlike Docker).
   *
   * @throws IllegalStateException when the config asks for more (mounts, host network,
   *     capabilities), which this runner does not do
   */
  private static void dockerLike(ObjectNode oci, JsonNode config, Path plugins, Path propagated) {
    ObjectNode proc = (ObjectNode) oci.get("process");
    proc.put("terminal", false);
    proc.set("args", config.get("Entrypoint"));
    String workDir = config.path("WorkDir").asText("");
    proc.put("cwd", workDir.isEmpty() ? "/" : workDir);
    ArrayNode env = proc.putArray("env").add(DOCKER_PATH);
    for (JsonNode e : config.path("Env")) {
      if (e.hasNonNull("Value")) {
        env.add(e.get("Name").asText() + "=" + e.get("Value").asText());
      }
    }
    oci.putObject("root").put("path", packageDir().resolve("rootfs").toString())
        .put("readonly", true);
    ArrayNode mounts = (ArrayNode) oci.get("mounts");
    String propagatedMount = config.path("PropagatedMount").asText("");
    if (!propagatedMount.isEmpty()) {
      bind(mounts, propagated, propagatedMount, "rbind", "rw", "rshared");
      ((ObjectNode) oci.get("linux")).put("rootfsPropagation", "rshared");
    }
    bind(mounts, plugins, "/run/docker/plugins", "rbind", "rshared");
    mounts.addObject().put("destination", "/tmp").put("type", "tmpfs").put("source", "tmpfs")
        .putArray("options").add("nosuid").add("nodev").add("mode=1777");
    if (!config.path("Mounts").isEmpty() || config.path("Network").path("Type").asText("")
        .equals("host") || !config.path("Linux").path("Capabilities").isEmpty()) {
      throw new IllegalStateException("config.json asks for what this runner does not do: "
          + config);
    }
  }

  private static void bind(ArrayNode mounts, Path source, String destination, String... options) {
    ArrayNode o = mounts.addObject().put("destination", destination).put("type", "bind")
        .put("source", source.toString()).putArray("options");
    for (String option : options) {
      o.add(option);
    }
  }

  private static Optional<Path> runcBinary() {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "")
        .split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
    return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, "runc"))
        .filter(Files::isExecutable).findFirst();
  }
}
