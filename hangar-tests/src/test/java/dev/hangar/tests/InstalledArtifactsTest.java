package dev.hangar.tests;

import static dev.hangar.tests.ManagedDockerCliTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.api.PluginInit;
import dev.hangar.protocol.internal.Json;
import dev.hangar.testkit.PluginJarBuilder;
import dev.hangar.testkit.Closing;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.TestPlugins;
import dev.hangar.testkit.registry.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JAR plugins and exec bundles through Debian's registry and {@code hangar daemon}: pushed with
 * {@code hangar plugin push --jar/--exec}, installed with {@code hangar plugin install} (and
 * the stock docker CLI), then served to the hosts of that root: {@code hangar get} by the JAR,
 * {@code hangar plugin call} by the bundle; disabled, they are gone. Needs root (the daemon's
 * runtime dir), docker-registry and the docker CLI.
 */
class InstalledArtifactsTest {
  private static final String JAR = "t-resource-plugin-mem.jar";

  private ShortTempDir tmp;
  private RegistryServer registry;
  private HangarDaemon daemon;

  @BeforeEach
  void start() throws IOException {
    GoPluginRuncTest.assumeRuncAsRoot();
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    tmp = new ShortTempDir();
    registry = RegistryServer.builder(tmp.resolve("registry")).start();
    daemon = HangarDaemon.start(tmp.resolve("root"), Optional.of(tmp.resolve("rt")));
  }

  @AfterEach
  void stop() throws Exception {
    Closing.all(daemon, registry, tmp);
  }

  private Path resourceJar() {
    return memResourceJar(tmp.resolve("jar"));
  }

  /**
   * Writes {@code dir/t-resource-plugin-mem.jar}, a resource plugin for the scheme {@code mem}
   * serving {@code from mem}.
   */
  static Path memResourceJar(Path dir) {
    return TestPlugins.resource(PluginJarBuilder.classPathOf(PluginInit.class), "mem", "mem",
        "from mem").writeTo(dir.resolve(JAR));
  }

  private Path bundle() {
    return TestPlugins.execBundle(tmp.resolve("greet"), "greet", "hello",
        "printf '20::{\"hello\":\"from the bundle\"}\\n'");
  }

  private Command.Result get(Path out) {
    return Command.hangar(daemon.root(), "get", "mem://any/hello.txt", "-O", out.toString());
  }

  @Test
  void aJarPluginPushedAndInstalledThroughTheRegistryServesHangarGetWhileEnabled()
      throws Exception {
    String ref = registry.address() + "/team/mem:1.0";
    Command.Result pushed = ok(daemon.cli("plugin", "push", "--jar", resourceJar().toString(),
        ref));
    assertThat(pushed.stdout()).startsWith("The push refers to repository ["
        + registry.address() + "/team/mem]\n").contains("1.0: digest: sha256:");

    Command.Result refused = daemon.cli("plugin", "install", ref);
    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
    assertThat(refused.stdout()).isEqualTo("Plugin \"" + ref
        + "\" is requesting the following privileges:\n - jar-in-host: [" + JAR + "]\n");
    Path out = tmp.resolve("hello.txt");
    assertThat(get(out).exitCode()).as("no plugin for mem:// yet").isNotZero();

    Command.Result installed = ok(daemon.cli("plugin", "install", "--grant-all-permissions",
        ref));
    assertThat(installed.stdout()).endsWith("Installed plugin " + ref + "\n");
    JsonNode inspect = Json.MAPPER.readTree(ok(daemon.cli("plugin", "inspect", ref)).stdout());
    assertThat(inspect.path("manifestDigest").asText()).isEqualTo(pushed.stdout()
        .replaceAll("(?s).*digest: (sha256:[0-9a-f]{64}).*", "$1"));

    Command.Result got = ok(get(out));
    assertThat(out).hasContent("from mem");
    assertThat(got.stderr()).doesNotContain("Exception");

    ok(daemon.cli("plugin", "disable", ref));
    assertThat(get(out).exitCode()).as("disabled: no longer loaded").isNotZero();
    ok(daemon.cli("plugin", "rm", ref));
  }

  @Test
  void theDockerCliInstallsAJarPluginAndListsIt() throws Exception {
    String ref = registry.address() + "/team/mem:2";
    ok(daemon.cli("plugin", "push", "--jar", resourceJar().toString(), ref));
    DockerCli docker = DockerCli.at(daemon.socket(), tmp.path());

    ok(docker.run("plugin", "install", "--grant-all-permissions", ref));

    assertThat(ok(docker.run("plugin", "ls", "--format", "{{.Name}} {{.Enabled}}"))
        .stdout()).isEqualTo(ref + " true\n");
    assertThat(ok(docker.run("plugin", "inspect", "-f", "{{.Config.Interface.Types}}", ref))
        .stdout()).isEqualTo("[hangar.jar/1.0]\n");
    Path out = tmp.resolve("via-docker.txt");
    ok(get(out));
    assertThat(out).hasContent("from mem");
  }

  @Test
  void anExecBundleInstalledThroughTheRegistryIsCalledLikeAnyExecPlugin() throws Exception {
    String ref = registry.address() + "/team/greet:1";
    ok(daemon.cli("plugin", "push", "--exec", bundle().toString(), ref));
    Command.Result refused = daemon.cli("plugin", "install", ref);
    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
    assertThat(refused.stdout()).contains(" - exec-unsandboxed: [true]\n");
    assertThat(Command.hangar(daemon.root(), "plugin", "call", "greet", "hello").exitCode())
        .as("refused: nothing installed").isNotZero();
    ok(daemon.cli("plugin", "install", "--grant-all-permissions", ref));

    Command.Result called = ok(Command.hangar(daemon.root(), "plugin", "call", "greet", "hello"));
    assertThat(called.stdout()).isEqualTo("{\"hello\":\"from the bundle\"}\n");

    ok(daemon.cli("plugin", "disable", ref));
    assertThat(Command.hangar(daemon.root(), "plugin", "call", "greet", "hello").exitCode())
        .isNotZero();
  }
}
