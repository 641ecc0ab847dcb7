package dev.hangar.tests;

import static dev.hangar.tests.ManagedDockerCliTest.call;
import static dev.hangar.tests.ManagedDockerCliTest.failed;
import static dev.hangar.tests.ManagedDockerCliTest.json;
import static dev.hangar.tests.ManagedDockerCliTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.testkit.Closing;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.registry.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stock {@code docker} CLI pushing the Go test plugin to Debian's registry through
 * {@code hangar daemon} and installing it back: {@code plugin push}, {@code plugin install} with
 * and without {@code --grant-all-permissions}, with {@code --disable}, {@code --alias} and
 * settings, with Docker's texts. Needs root, runc, Go, docker-registry and the docker CLI.
 */
class ManagedRegistryDockerCliTest {
  private ShortTempDir tmp;
  private RegistryServer registry;
  private HangarDaemon daemon;
  private DockerCli docker;
  private String remote;

  @BeforeEach
  void start() throws IOException {
    GoPluginRuncTest.assumeRuncAsRoot();
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    GoPrograms.build();
    tmp = new ShortTempDir();
    registry = RegistryServer.builder(tmp.resolve("registry")).start();
    daemon = HangarDaemon.start(tmp.resolve("root"), Optional.of(tmp.resolve("rt")));
    docker = DockerCli.at(daemon.socket(), tmp.path());
    remote = registry.address() + "/team/gp:1.0";
    // Fill the registry with Hangar's own push of the Go plugin (asks for host networking).
    Path pkg = ManagedPackages.goPlugin().network("host").writeDir(tmp.resolve("pkg"));
    ok(docker.run("plugin", "create", remote, pkg.toString()));
    Command.Result pushed = ok(docker.run("plugin", "push", remote));
    assertThat(pushed.stdout()).startsWith("The push refers to repository ["
        + registry.address() + "/team/gp]\n");
    ok(docker.run("plugin", "rm", remote));
  }

  @AfterEach
  void stop() throws Exception {
    Closing.all(daemon, registry, tmp);
  }

  @Test
  void installWithAllPermissionsAndASettingEnablesThePlugin() {
    Command.Result r = ok(docker.run("plugin", "install", "--grant-all-permissions", remote,
        "DEBUG=1"));
    assertThat(r.stdout()).contains(remote.substring(remote.lastIndexOf(':') + 1)
        + ": Pulling from " + registry.address() + "/team/gp")
        .contains("Digest: sha256:").endsWith("Installed plugin " + remote + "\n");
    JsonNode p = json(ok(docker.run("plugin", "inspect", remote))).get(0);
    assertThat(p.get("Enabled").asBoolean()).isTrue();
    assertThat(p.get("PluginReference").asText()).isEqualTo(remote);
    assertThat(p.at("/Settings/Env").toString()).isEqualTo("[\"DEBUG=1\"]");
    assertThat(ManagedDockerCliTest.strings(call(daemon, remote, "Probe.Env", "{}").get("Env")))
        .contains("DEBUG=1");
    assertThat(failed(docker.run("plugin", "install", "--grant-all-permissions", remote))
        .stderr()).isEqualTo("Error response from daemon: plugin " + remote
            + " already exists\n");
    ok(docker.run("plugin", "disable", remote));
    ok(docker.run("plugin", "rm", remote));
    assertThat(blobs()).as("rm removes the blobs no plugin refers to").isEmpty();
  }

  @Test
  void installWithDisableAndAliasLeavesItDisabledUnderTheAlias() {
    Command.Result r = ok(docker.run("plugin", "install", "--grant-all-permissions",
        "--disable", "--alias", "gp2", remote));
    assertThat(r.stdout()).endsWith("Installed plugin " + remote + "\n");
    assertThat(ok(docker.run("plugin", "ls", "--format", "{{.Name}} {{.Enabled}}")).stdout())
        .isEqualTo("gp2:latest false\n");
    assertThat(ok(docker.run("plugin", "inspect", "-f", "{{.PluginReference}}", "gp2"))
        .stdout()).isEqualTo(remote + "\n");
    assertThat(daemon.pluginTexts()).as("not started").isEmpty();
  }

  @Test
  void installWithoutTheFlagAndWithoutATerminalIsRefusedAndInstallsNothing() {
    Command.Result r = failed(docker.run("plugin", "install", remote));
    assertThat(r.stdout()).isEqualTo("Plugin \"" + remote
        + "\" is requesting the following privileges:\n - network: [host]\n"
        + "Do you grant the above permissions? [y/N] ");
    assertThat(r.stderr()).isEqualTo("permission denied while installing plugin " + remote
        + "\n");
    assertThat(ok(docker.run("plugin", "ls", "-q")).stdout()).isEmpty();
  }

  @Test
  void hangarsCliInstallsAsksAndPushesAndASecondRootInstallsWhatWasPushed() throws Exception {
    Command.Result refused = daemon.cli("plugin", "install", remote);
    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
    assertThat(refused.stdout()).isEqualTo("Plugin \"" + remote
        + "\" is requesting the following privileges:\n - network: [host]\n");
    assertThat(refused.stderr()).isEqualTo("Error: permission denied while installing plugin "
        + remote + ": no terminal to ask on; pass --grant-all-permissions to grant the "
        + "privileges above\n");
    assertThat(ok(docker.run("plugin", "ls", "-q")).stdout()).isEmpty();

    Command.Result installed = ok(daemon.cli("plugin", "install", "--grant-all-permissions",
        "--disable", "--alias", "h", remote, "DEBUG=1"));
    assertThat(installed.stdout()).contains("Digest: sha256:").contains(": Pull complete\n")
        .doesNotContain("Downloading").endsWith("Installed plugin " + remote + "\n");
    assertThat(ok(docker.run("plugin", "inspect", "-f", "{{.Enabled}} {{.Settings.Env}}", "h"))
        .stdout()).isEqualTo("false [DEBUG=1]\n");
    JsonNode inspect = json(ok(daemon.cli("plugin", "inspect", "h")));
    String digest = inspect.path("manifestDigest").asText();
    assertThat(digest).startsWith("sha256:");
    assertThat(installed.stdout()).contains("Digest: " + digest + "\n");
    assertThat(ok(daemon.cli("plugin", "install", "--alias", "h", remote)).stdout())
        .isEqualTo("Plugin h:latest is already installed from " + remote + " at " + digest
            + ": nothing to do\n");

    String other = registry.address() + "/team/other:2";
    Path pkg = ManagedPackages.goPlugin().description("another").writeDir(tmp.resolve("pkg2"));
    ok(docker.run("plugin", "create", other, pkg.toString()));
    Command.Result pushed = ok(daemon.cli("plugin", "push", other));
    assertThat(pushed.stdout()).startsWith("The push refers to repository ["
        + registry.address() + "/team/other]\n").contains("2: digest: sha256:");

    try (ShortTempDir second = new ShortTempDir()) {
      HangarDaemon b = HangarDaemon.start(second.resolve("root"),
          Optional.of(second.resolve("rt")));
      try {
        DockerCli dockerB = DockerCli.at(b.socket(), second.path());
        ok(dockerB.run("plugin", "install", "--disable", other));
        assertThat(ok(dockerB.run("plugin", "inspect", "-f", "{{.Config.Description}}", other))
            .stdout()).isEqualTo("another\n");
      } finally {
        b.close();
      }
    }
  }

  @Test
  void upgradeMovesToANewTagKeepingTheSettingsOnlyWhenDisabled() {
    String v2 = registry.address() + "/team/gp:2.0";
    Path pkg2 = ManagedPackages.goPlugin().network("host").description("version two")
        .writeDir(tmp.resolve("pkg-v2"));
    ok(docker.run("plugin", "create", v2, pkg2.toString()));
    ok(docker.run("plugin", "push", v2));
    ok(docker.run("plugin", "rm", v2));
    ok(docker.run("plugin", "install", "--grant-all-permissions", remote, "DEBUG=1"));

    assertThat(failed(docker.run("plugin", "upgrade", "--grant-all-permissions",
        "--skip-remote-check", remote, v2)).stderr())
        .isEqualTo("the plugin must be disabled before upgrading\n");
    Command.Result enabled = daemon.cli("plugin", "upgrade", "--grant-all-permissions",
        "--skip-remote-check", remote, v2);
    assertThat(enabled.exitCode()).as(enabled.describe()).isEqualTo(1);
    assertThat(enabled.stderr()).isEqualTo("Error: plugin must be disabled before upgrading: "
        + "plugin " + remote + " is enabled\n");

    ok(docker.run("plugin", "disable", remote));
    Command.Result up = ok(docker.run("plugin", "upgrade", "--grant-all-permissions",
        "--skip-remote-check", remote, v2));
    assertThat(up.stdout()).startsWith("Upgrading plugin " + remote + " from " + remote + " to "
        + v2 + "\n").endsWith("Upgraded plugin " + remote + " to " + v2 + "\n");
    JsonNode p = json(ok(docker.run("plugin", "inspect", remote))).get(0);
    assertThat(p.get("PluginReference").asText()).isEqualTo(v2);
    assertThat(p.at("/Config/Description").asText()).isEqualTo("version two");
    assertThat(p.at("/Settings/Env").toString()).isEqualTo("[\"DEBUG=1\"]");
    ok(docker.run("plugin", "enable", remote));
    assertThat(ManagedDockerCliTest.strings(call(daemon, remote, "Probe.Env", "{}").get("Env")))
        .contains("DEBUG=1");
  }

  private java.util.List<Path> blobs() {
    Path dir = daemon.root().resolve("managed/blobs/sha256");
    if (!Files.isDirectory(dir)) {
      return java.util.List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
