package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stock {@code docker} CLI (28.2) managing a goplugin package through {@code hangar daemon}:
 * every {@code docker plugin} command a user runs, with the exact texts Docker prints, and the
 * plugin answering calls from inside its own container once enabled. Needs root, runc, Go and
 * the docker CLI.
 */
class ManagedDockerCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(60);

  private ShortTempDir tmp;
  private HangarDaemon daemon;
  private DockerCli docker;

  @BeforeEach
  void startDaemon() {
    GoPluginRuncTest.assumeRuncAsRoot();
    GoPrograms.build();
    tmp = new ShortTempDir();
    daemon = HangarDaemon.start(tmp.resolve("root"), Optional.of(tmp.resolve("rt")));
    docker = DockerCli.at(daemon.socket(), tmp.path());
  }

  @AfterEach
  void stopDaemon() throws IOException {
    try {
      if (daemon != null) {
        daemon.close();
      }
    } finally {
      if (tmp != null) {
        tmp.close();
      }
    }
  }

  @Test
  void theDockerCliCreatesListsSetsEnablesDisablesAndRemovesAPlugin() throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    Path pkg = ManagedPackages.goPlugin().writeDir(tmp.resolve("pkg"));
    assertThat(ok(docker.run("plugin", "create", "gp", pkg.toString())).stdout())
        .isEqualTo("gp\n");

    String id = ok(docker.run("plugin", "inspect", "-f", "{{.Id}}", "gp")).stdout().strip();
    assertThat(id).matches("[0-9a-f]{64}");
    List<String> table = ok(docker.run("plugin", "ls")).stdout().lines().toList();
    assertThat(table).hasSize(2);
    assertThat(table.get(0).split("\\s{2,}"))
        .containsExactly("ID", "NAME", "DESCRIPTION", "ENABLED");
    assertThat(table.get(1).split("\\s{2,}")).containsExactly(
        id.substring(0, 12), "gp:latest", "Hangar's Go test volume plugin", "false");
    assertThat(ok(docker.run("plugin", "ls", "--format", "{{.Name}} {{.Enabled}}")).stdout())
        .isEqualTo("gp:latest false\n");
    assertThat(ok(docker.run("plugin", "ls", "-q")).stdout()).isEqualTo(id.substring(0, 12) + "\n");
    assertThat(ok(docker.run("plugin", "ls", "--no-trunc")).stdout().lines().skip(1).toList())
        .singleElement().satisfies(row -> assertThat(row).startsWith(id + " "));
    assertThat(ok(docker.run("plugin", "ls", "--filter", "enabled=true")).stdout().lines())
        .singleElement().satisfies(header -> assertThat(header.split("\\s{2,}"))
            .containsExactly("ID", "NAME", "DESCRIPTION", "ENABLED"));

    JsonNode inspect = json(ok(docker.run("plugin", "inspect", "gp"))).get(0);
    assertThat(inspect.get("Name").asText()).isEqualTo("gp:latest");
    assertThat(inspect.get("Enabled").asBoolean()).isFalse();
    assertThat(inspect.at("/Config/Interface/Socket").asText()).isEqualTo("gp.sock");
    assertThat(envOf("gp")).isEqualTo("[DEBUG=0]");
    assertThat(ok(docker.run("plugin", "set", "gp", "DEBUG=1")).stdout()).isEmpty();
    assertThat(envOf("gp")).isEqualTo("[DEBUG=1]");

    assertThat(ok(docker.run("plugin", "enable", "gp")).stdout()).isEqualTo("gp\n");
    assertThat(ok(docker.run("plugin", "ls", "--format", "{{.Name}} {{.Enabled}}")).stdout())
        .isEqualTo("gp:latest true\n");
    assertThat(daemon.pluginTexts()).as("one plugin process once enabled").hasSize(1);
    assertThat(ok(docker.run("plugin", "ls", "--filter", "enabled=true", "-q")).stdout())
        .isEqualTo(id.substring(0, 12) + "\n");
    assertThat(call(daemon, "gp", "VolumeDriver.List", "{}").get("Volumes").isArray()).isTrue();
    assertThat(strings(call(daemon, "gp", "Probe.Env", "{}").get("Env"))).contains("DEBUG=1");
    try (ServerSocket hostPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      JsonNode dial = call(daemon, "gp", "Probe.Dial",
          "{\"Addr\":\"127.0.0.1:" + hostPort.getLocalPort() + "\",\"TimeoutMs\":1000}");
      assertThat(dial.get("Connected").asBoolean())
          .as("the plugin has its own network namespace: %s", dial).isFalse();
    }

    assertThat(failed(docker.run("plugin", "set", "gp", "DEBUG=2")).stderr()).isEqualTo(
        "Error response from daemon: cannot set on an active plugin, disable plugin before "
            + "setting\n");
    assertThat(failed(docker.run("plugin", "rm", "gp")).stderr())
        .isEqualTo("Error response from daemon: plugin gp:latest is enabled\n");
    assertThat(ok(docker.run("plugin", "disable", "gp")).stdout()).isEqualTo("gp\n");
    assertThat(daemon.pluginTexts()).as("disable stops the plugin").isEmpty();
    assertThat(ok(docker.run("plugin", "rm", "gp")).stdout()).isEqualTo("gp\n");
    assertThat(failed(docker.run("plugin", "inspect", "gp")).stderr())
        .isEqualTo("Error response from daemon: plugin \"gp\" not found\n");
    assertThat(ok(docker.run("plugin", "ls", "-q")).stdout()).isEmpty();

    String until = unix(Instant.now().plusSeconds(1));
    Command.Result events = ok(docker.run("events", "--filter", "type=plugin",
        "--since", unix(start), "--until", until));
    List<String> lines = events.stdout().lines().toList();
    assertThat(lines).allSatisfy(l -> assertThat(l).contains(" plugin ", id, "name=gp:latest"));
    assertThat(lines.stream().map(l -> l.split(" ")[2]).toList())
        .as(events.describe()).containsExactly("create", "enable", "disable", "remove");
    assertThat(ok(daemon.cli("events", "--filter", "type=plugin", "--since", unix(start),
        "--until", until)).stdout()).as("hangar events prints what docker events prints")
        .isEqualTo(events.stdout());
  }

  @Test
  void theDockerCliCreatesFromACompressedContext() {
    Path pkg = ManagedPackages.goPlugin().writeDir(tmp.resolve("pkg"));
    assertThat(ok(docker.run("plugin", "create", "--compress", "gz/gp", pkg.toString()))
        .stdout()).isEqualTo("gz/gp\n");
    assertThat(ok(docker.run("plugin", "ls", "--format", "{{.Name}}")).stdout())
        .isEqualTo("gz/gp:latest\n");
  }

  @Test
  void createOfABadPackagePrintsTheProblemAndLeavesNothing() {
    Path noRootfs = ManagedPackages.goPlugin().withoutRootfs().writeDir(tmp.resolve("bad1"));
    Command.Result r = failed(docker.run("plugin", "create", "bad1", noRootfs.toString()));
    assertThat(r.stderr()).startsWith("Error response from daemon: ").contains("no rootfs found");

    Path badType = ManagedPackages.goPlugin().types("volumedriver").writeDir(tmp.resolve("bad2"));
    r = failed(docker.run("plugin", "create", "bad2", badType.toString()));
    assertThat(r.stderr()).startsWith("Error response from daemon: ")
        .contains("Interface.Types[0]").contains("volumedriver");

    assertThat(ok(docker.run("plugin", "ls", "-q")).stdout()).isEmpty();
    assertThat(failed(docker.run("plugin", "inspect", "bad2")).stderr())
        .isEqualTo("Error response from daemon: plugin \"bad2\" not found\n");
  }

  private String envOf(String name) {
    return ok(docker.run("plugin", "inspect", "-f", "{{.Settings.Env}}", name)).stdout().strip();
  }

  /** Calls the plugin through {@code ./hangar --host ... plugin call}; the reply as JSON. */
  static JsonNode call(HangarDaemon daemon, String plugin, String method, String args) {
    return json(ok(daemon.cli("plugin", "call", plugin, method, args)));
  }

  /** Asserts a zero exit status; the result. */
  static Command.Result ok(Command.Result r) {
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r;
  }

  /** Asserts exit status 1 (Docker's for an error from the daemon); the result. */
  static Command.Result failed(Command.Result r) {
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    return r;
  }

  /** The command's stdout as JSON. */
  static JsonNode json(Command.Result r) {
    try {
      return JSON.readTree(r.stdout());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.describe(), e);
    }
  }

  /** The texts of a JSON array. */
  static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  /** {@code docker events}' {@code --since}/{@code --until} form: seconds.nanos since 1970. */
  static String unix(Instant t) {
    return String.format("%d.%09d", t.getEpochSecond(), t.getNano());
  }

  /** Polls {@code condition} every 50 ms until it holds; fails after {@code limit}. */
  static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit + ": " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + what, e);
      }
    }
  }
}
