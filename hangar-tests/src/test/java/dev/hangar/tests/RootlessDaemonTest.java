package dev.hangar.tests;

import static dev.hangar.tests.ManagedDockerCliTest.call;
import static dev.hangar.tests.ManagedDockerCliTest.failed;
import static dev.hangar.tests.ManagedDockerCliTest.ok;
import static dev.hangar.tests.ManagedDockerCliTest.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./hangar daemon} run by root as an ordinary user (uid and gid 65534, no groups, its own
 * {@code HOME} and {@code XDG_RUNTIME_DIR}): it runs its managed plugins rootless, as that user
 * on the host, and refuses the privileges a rootless runtime cannot give. Needs root (to become
 * the user), runc, Go and the docker CLI; skipped when rootless runc cannot run here (probed
 * once, see {@link UnprivilegedUser#assumeRootlessRunc}).
 */
class RootlessDaemonTest {
  private ShortTempDir tmp;
  private UnprivilegedUser user;
  private HangarDaemon daemon;
  private DockerCli docker;

  @BeforeEach
  void startDaemonAsAnOrdinaryUser() {
    GoPluginRuncTest.assumeRuncAsRoot();
    UnprivilegedUser.assumeRootlessRunc();
    GoPrograms.build();
    tmp = new ShortTempDir();
    user = UnprivilegedUser.nobody(tmp.path());
    daemon = HangarDaemon.startAs(user, user.home().resolve("root"));
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
  void aPluginRunsAsTheDaemonsUserServesAndLeavesNothingOnceDisabled() throws Exception {
    assertThat(UnprivilegedUser.ids(daemon.process().pid(), "Uid"))
        .as("the daemon itself runs as the user").containsOnly(user.uid());
    Path pkg = ManagedPackages.goPlugin().writeDir(tmp.resolve("pkg"));
    ok(docker.run("plugin", "create", "gp", pkg.toString()));
    ok(docker.run("plugin", "set", "gp", "DEBUG=rootless"));
    ok(docker.run("plugin", "enable", "gp"));

    List<ProcessHandle> plugins = daemon.plugins();
    assertThat(plugins).as("one plugin process once enabled\n--- daemon\n%s", daemon.output())
        .hasSize(1);
    long pid = plugins.get(0).pid();
    assertThat(UnprivilegedUser.ids(pid, "Uid")).as("the plugin's uids on the host")
        .containsOnly(user.uid());
    assertThat(UnprivilegedUser.ids(pid, "Gid")).as("the plugin's gids on the host")
        .containsOnly(user.gid());
    assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "uid_map")).trim()
        .split("\\s+")).as("uid 0 inside is the user, alone")
        .containsExactly("0", Long.toString(user.uid()), "1");
    long runc = plugins.get(0).parent().orElseThrow().pid();
    assertThat(PluginProcesses.cmdline(runc).orElseThrow()).contains("--rootless");
    assertThat(UnprivilegedUser.ids(runc, "Uid")).containsOnly(user.uid());

    assertThat(strings(call(daemon, "gp", "Probe.Env", "{}").get("Env")))
        .as("the settings reach the plugin's env").contains("DEBUG=rootless");
    call(daemon, "gp", "VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":null}");
    Path socket = pluginSocket();
    assertThat(Files.getAttribute(socket, "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .as("the socket %s is the user's", socket).isEqualTo((int) user.uid());
    try (PluginClient client = PluginClient.create("gp", new PluginAddress.Unix(socket),
        ClientConfig.DEFAULT.withCallTimeout(Duration.ofSeconds(20)))) {
      assertThat(GoPluginRuncTest.call(client, "VolumeDriver.List", "{}").get("Volumes")
          .findValuesAsText("Name")).as("called through its own socket").containsExactly("v1");
    }

    ok(docker.run("plugin", "disable", "gp"));
    assertThat(daemon.pluginTexts()).as("disable stops the plugin").isEmpty();
    assertThat(plugins.get(0).isAlive()).isFalse();
    assertThat(daemon.process().descendants().map(PluginProcesses::describe).toList())
        .as("no runc or plugin process is left under the daemon").isEmpty();
    String id = ok(docker.run("plugin", "inspect", "-f", "{{.Id}}", "gp")).stdout().strip();
    Path managed = user.home().resolve("root/managed");
    assertThat(Files.getAttribute(managed.resolve(id), "unix:uid"))
        .as("the plugin's dir is the user's").isEqualTo((int) user.uid());
    ok(docker.run("plugin", "rm", "gp"));
    assertThat(ok(docker.run("plugin", "ls", "-q")).stdout()).isEmpty();
    try (Stream<Path> left = Files.list(managed)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("rm leaves no plugin dir")
          .noneMatch(n -> n.startsWith(id));
    }
  }

  @Test
  void aPrivilegeARootlessDaemonCannotGiveRefusesTheEnableNamingPluginAndPrivilege()
      throws Exception {
    ok(docker.run("plugin", "create", "caps", ManagedPackages.goPlugin()
        .field("Linux", "{\"Capabilities\":[\"CAP_SYS_ADMIN\"],\"AllowAllDevices\":false,"
            + "\"Devices\":null}").writeDir(tmp.resolve("caps")).toString()));
    assertThat(failed(docker.run("plugin", "enable", "caps")).stderr()).startsWith(
        "Error response from daemon: managed plugin caps:latest did not start: a rootless "
            + "daemon cannot grant the privilege capabilities [CAP_SYS_ADMIN]: ");

    Path node = tmp.resolve("rootonly");
    Command.Result mknod = Command.run(List.of("mknod", "-m", "0600", node.toString(), "c", "1",
        "3"), tmp.path(), Map.of(), Duration.ofSeconds(10));
    assertThat(mknod.exitCode()).as(mknod.describe()).isZero();
    ok(docker.run("plugin", "create", "dev", ManagedPackages.goPlugin()
        .field("Linux", "{\"Capabilities\":null,\"AllowAllDevices\":false,\"Devices\":[{"
            + "\"Name\":\"null\",\"Description\":\"\",\"Settable\":null,\"Path\":\"" + node
            + "\"}]}").writeDir(tmp.resolve("dev")).toString()));
    assertThat(failed(docker.run("plugin", "enable", "dev")).stderr()).startsWith(
        "Error response from daemon: managed plugin dev:latest did not start: a rootless "
            + "daemon cannot grant the privilege device " + node + ": uid " + user.uid());

    assertThat(ok(docker.run("plugin", "ls", "--format", "{{.Name}} {{.Enabled}}")).stdout()
        .lines().sorted()).containsExactly("caps:latest false", "dev:latest false");
    assertThat(daemon.pluginTexts()).isEmpty();
  }

  @Test
  void hostNetworkIsGivenRootless() throws Exception {
    Path pkg = ManagedPackages.goPlugin().network("host").writeDir(tmp.resolve("pkg"));
    ok(docker.run("plugin", "create", "net", pkg.toString()));
    ok(docker.run("plugin", "enable", "net"));
    try (ServerSocket hostPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      JsonNode dial = call(daemon, "net", "Probe.Dial",
          "{\"Addr\":\"127.0.0.1:" + hostPort.getLocalPort() + "\",\"TimeoutMs\":1000}");
      assertThat(dial.get("Connected").asBoolean())
          .as("the host's network reaches the host's loopback: %s", dial).isTrue();
    }
    ok(docker.run("plugin", "disable", "net"));
    assertThat(daemon.pluginTexts()).isEmpty();
  }

  /** The one {@code gp.sock} under the user's runtime dir. */
  private Path pluginSocket() throws IOException {
    try (Stream<Path> all = Files.walk(user.runtimeDir())) {
      List<Path> found = all.filter(p -> p.getFileName().toString().equals("gp.sock")).toList();
      assertThat(found).as("gp.sock under %s", user.runtimeDir()).hasSize(1);
      return found.get(0);
    }
  }
}
