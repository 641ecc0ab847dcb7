package dev.hangar.tests;

import static dev.hangar.tests.ManagedDockerCliTest.WAIT;
import static dev.hangar.tests.ManagedDockerCliTest.await;
import static dev.hangar.tests.ManagedDockerCliTest.call;
import static dev.hangar.tests.ManagedDockerCliTest.json;
import static dev.hangar.tests.ManagedDockerCliTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Supervision of managed plugins by {@code hangar daemon}, seen from outside: a plugin that exits
 * is started again, one that keeps exiting ends {@code failed}, one that never listens fails to
 * enable, and a daemon killed with SIGKILL and started again serves its enabled plugin again
 * with one process. Needs root, runc, Go and
 * the docker CLI.
 */
class ManagedRestartTest {
  private ShortTempDir tmp;
  private final List<HangarDaemon> daemons = new ArrayList<>();
  private DockerCli docker;

  @BeforeEach
  void setUp() {
    GoPluginRuncTest.assumeRuncAsRoot();
    GoPrograms.build();
    tmp = new ShortTempDir();
  }

  @AfterEach
  void tearDown() throws IOException {
    try {
      for (int i = daemons.size() - 1; i >= 0; i--) {
        daemons.get(i).close();
      }
    } finally {
      tmp.close();
    }
  }

  private HangarDaemon startDaemon(String... extra) {
    HangarDaemon d =
        HangarDaemon.start(tmp.resolve("root"), Optional.of(tmp.resolve("rt")), extra);
    daemons.add(d);
    docker = DockerCli.at(d.socket(), tmp.path());
    return d;
  }

  private void createAndEnable(ManagedPackages.Builder pkg) {
    Path dir = pkg.writeDir(tmp.resolve("pkg"));
    ok(docker.run("plugin", "create", "gp", dir.toString()));
    ok(docker.run("plugin", "enable", "gp"));
  }

  @Test
  void aPluginThatExitsIsStartedAgainAndServesItsVolumes() {
    HangarDaemon daemon = startDaemon();
    createAndEnable(ManagedPackages.goPlugin());
    call(daemon, "gp", "VolumeDriver.Create", "{\"Name\":\"kept\",\"Opts\":null}");
    List<String> first = daemon.pluginTexts();
    assertThat(first).hasSize(1);

    JsonNode exit = call(daemon, "gp", "Probe.Exit", "{\"Code\":3}");
    assertThat(exit.isObject() && exit.isEmpty()).as("the reply before the exit: %s", exit)
        .isTrue();
    await("a new plugin process serving, replacing " + first + "\n--- daemon\n"
        + daemon.output(), WAIT, () -> {
          List<String> now = daemon.pluginTexts();
          return now.size() == 1 && !now.equals(first) && serves(daemon);
        });
    JsonNode list = call(daemon, "gp", "VolumeDriver.List", "{}");
    assertThat(list.get("Volumes").findValuesAsText("Name")).containsExactly("kept");
    assertThat(ok(docker.run("plugin", "inspect", "-f", "{{.Enabled}}", "gp")).stdout())
        .isEqualTo("true\n");
  }

  @Test
  void aPluginThatKeepsExitingEndsFailed() {
    HangarDaemon daemon = startDaemon();
    // The first start serves (so enable succeeds whatever the timing); every restart exits
    // 50 ms after it starts, answering or not.
    Path dir = ManagedPackages.goPlugin().fixedEnv("GOPLUGIN_EXIT_AFTER_MS", "50")
        .fixedEnv("GOPLUGIN_SERVE_STARTS", "1").writeDir(tmp.resolve("pkg"));
    ok(docker.run("plugin", "create", "gp", dir.toString()));
    ok(docker.run("plugin", "enable", "gp"));
    assertThat(state(daemon, "gp:latest")).isEqualTo("enabled");
    call(daemon, "gp", "Probe.Exit", "{\"Code\":3}");
    await("state failed\n--- daemon\n" + daemon.output(), Duration.ofMinutes(2),
        () -> state(daemon, "gp:latest").equals("failed"));
    assertThat(ok(docker.run("plugin", "inspect", "-f", "{{.Enabled}}", "gp")).stdout())
        .isEqualTo("false\n");
    assertThat(daemon.pluginTexts()).isEmpty();
  }

  @Test
  void aPluginThatNeverListensFailsToEnableWithItsOutputAndStaysDisabled() {
    HangarDaemon daemon = startDaemon("--start-timeout", "3s");
    Path dir = ManagedPackages.goPlugin().fixedEnv("GOPLUGIN_NO_LISTEN", "1")
        .writeDir(tmp.resolve("pkg"));
    ok(docker.run("plugin", "create", "gp", dir.toString()));
    Command.Result enable = docker.run("plugin", "enable", "gp");
    assertThat(enable.exitCode()).as(enable.describe()).isEqualTo(1);
    assertThat(enable.stderr()).startsWith("Error response from daemon: ")
        .contains("GOPLUGIN_NO_LISTEN=1, not listening");
    assertThat(ok(docker.run("plugin", "ls", "--format", "{{.Name}} {{.Enabled}}")).stdout())
        .isEqualTo("gp:latest false\n");
    assertThat(state(daemon, "gp:latest")).isEqualTo("disabled");
    assertThat(daemon.pluginTexts()).isEmpty();
  }

  @Test
  void afterASigkillTheNextDaemonServesTheEnabledPluginWithOneProcess() {
    HangarDaemon first = startDaemon();
    createAndEnable(ManagedPackages.goPlugin());
    call(first, "gp", "VolumeDriver.Create", "{\"Name\":\"kept\",\"Opts\":null}");
    List<ProcessHandle> old = first.plugins();
    assertThat(old).hasSize(1);
    first.sigkill();
    assertThat(old.get(0).isAlive()).as("a SIGKILL of the daemon leaves its plugin running")
        .isTrue();

    HangarDaemon second = startDaemon();
    await("the plugin serving with one process\n--- daemon\n" + second.output(), WAIT,
        () -> serves(second) && second.pluginTexts().size() == 1);
    JsonNode list = call(second, "gp", "VolumeDriver.List", "{}");
    assertThat(list.get("Volumes").findValuesAsText("Name")).containsExactly("kept");
    assertThat(ok(docker.run("plugin", "ls", "--format", "{{.Name}} {{.Enabled}}")).stdout())
        .isEqualTo("gp:latest true\n");
    assertThat(second.pluginTexts()).hasSize(1);
    // killed, it may stay a zombie until init reaps it (on some machines seconds later)
    await("the new daemon removed the old container", WAIT, () -> ended(old.get(0)));
  }

  /** Whether {@code p} is gone, or a zombie: it can do nothing any more. */
  private static boolean ended(ProcessHandle p) {
    if (!p.isAlive()) {
      return true;
    }
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(p.pid()),
          "stat"));
      int close = stat.lastIndexOf(')');
      return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    } catch (IOException e) {
      return true; // reaped meanwhile
    }
  }

  /** Whether {@code gp} answers {@code VolumeDriver.List} through the daemon now. */
  private static boolean serves(HangarDaemon daemon) {
    return daemon.cli("plugin", "call", "gp", "VolumeDriver.List", "{}").exitCode() == 0;
  }

  /**
   * The {@code state} that {@code ./hangar plugin ls --format json} shows for the managed plugin
   * named {@code name} ({@code enabled}, {@code restarting}, {@code failed}, ...); empty when it
   * is not listed or the command fails.
   */
  static String state(HangarDaemon daemon, String name) {
    Command.Result r = daemon.cli("plugin", "ls", "--format", "json");
    if (r.exitCode() != 0) {
      return "";
    }
    for (JsonNode p : json(r)) {
      if (p.path("kind").asText().equals("managed") && p.path("name").asText().equals(name)) {
        return p.path("state").asText();
      }
    }
    return "";
  }
}
