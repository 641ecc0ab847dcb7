package dev.hangar.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.TestPki;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stock {@code docker} CLI (28.2, client only) against a real daemon. */
@Timeout(120)
class DockerCliTest {
  private ShortTempDir tmp;
  private Daemon daemon;
  private Path socket;

  /** What a {@code docker} run printed, and how it exited. */
  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() {
    assumeTrue(dockerOnPath(), "the docker CLI is not on the PATH");
    tmp = new ShortTempDir();
    socket = tmp.resolve("api.sock");
    daemon = Daemon.start(DaemonHttpTest.options(tmp, socket));
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    if (tmp != null) {
      tmp.close();
    }
  }

  static boolean dockerOnPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "docker"))) {
        return true;
      }
    }
    return false;
  }

  private Run docker(String... args) throws IOException, InterruptedException {
    return dockerAt("unix://" + socket, args);
  }

  private Run dockerAt(String host, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_HOST", host);
    pb.environment().put("DOCKER_CONFIG", tmp.resolve("docker-config").toString());
    pb.environment().remove("DOCKER_CONTEXT");
    pb.environment().remove("DOCKER_API_VERSION");
    pb.redirectOutput(tmp.resolve("out.txt").toFile());
    pb.redirectError(tmp.resolve("err.txt").toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("docker " + String.join(" ", args) + " did not finish");
    }
    return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt")),
        Files.readString(tmp.resolve("err.txt")));
  }

  /** Skips until the manager on main answers {@code GET /plugins}. */
  private void assumeManager() throws Exception {
    try (RawHttp c = RawHttp.unix(socket)) {
      assumeTrue(c.get("/plugins").status() == 200, "the manager does not list plugins yet");
    }
  }

  @Test
  void dockerVersionShowsHangarAsTheServerAndNegotiatesDown() throws Exception {
    Run r = docker("version");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("API version:       1.41 (downgraded from")
        .contains("Server: Hangar").contains("Engine:")
        .containsPattern("API version:\\s+1\\.41 \\(minimum version 1\\.24\\)")
        .containsPattern("OS/Arch:\\s+linux/");
  }

  @Test
  void dockerEventsUntilNowReplaysNothingAndEnds() throws Exception {
    String now = Long.toString(System.currentTimeMillis() / 1000);
    Run r = docker("events", "--filter", "type=plugin", "--since", "0", "--until", now);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void dockerPluginLsListsNoPlugins() throws Exception {
    assumeManager();
    Run r = docker("plugin", "ls");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines()).singleElement().asString()
        .matches("ID\\s+NAME\\s+DESCRIPTION\\s+ENABLED");
  }

  @Test
  void dockerInfoPrintsWithoutError() throws Exception {
    assumeManager();
    Run r = docker("info");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).doesNotContain("ERROR");
    assertThat(r.out()).contains("Server Version:").contains(" Plugins:")
        .contains(" Swarm: inactive").contains(" OSType: linux");
  }

  @Test
  void dockerCreatesInspectsSetsAndRemovesAPlugin() throws Exception {
    assumeManager();
    Path dir = tmp.resolve("pkg");
    Files.createDirectories(dir.resolve("rootfs/bin"));
    Files.writeString(dir.resolve("rootfs/bin/plugin"), "#!/bin/sh\n");
    Files.writeString(dir.resolve("config.json"), """
        {"Description":"a test volume plugin","Entrypoint":["/bin/plugin"],
         "Interface":{"Types":["docker.volumedriver/1.0"],"Socket":"test.sock"},
         "Env":[{"Name":"DEBUG","Settable":["value"],"Value":"0"}]}
        """);
    Run create = docker("plugin", "create", "team/vol:1.0", dir.toString());
    assertThat(create.exit()).as(create.err()).isZero();
    assertThat(create.out()).contains("team/vol:1.0");
    Run ls = docker("plugin", "ls");
    assertThat(ls.out()).contains("team/vol:1.0").contains("a test volume plugin")
        .contains("false");
    Run set = docker("plugin", "set", "team/vol:1.0", "DEBUG=1");
    assertThat(set.exit()).as(set.err()).isZero();
    Run inspect = docker("plugin", "inspect", "--format", "{{.Settings.Env}}", "team/vol:1.0");
    assertThat(inspect.out().strip()).isEqualTo("[DEBUG=1]");
    Run rm = docker("plugin", "rm", "team/vol:1.0");
    assertThat(rm.exit()).as(rm.err()).isZero();
    Run gone = docker("plugin", "inspect", "team/vol:1.0");
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.err()).contains("Error response from daemon: plugin \"team/vol:1.0\" not"
        + " found");
  }

  @Test
  void dockerTalksToATcpListenerWithMutualTls() throws Exception {
    TestPki pki = TestPki.create(tmp.resolve("pki"));
    DaemonOptions tcp = new DaemonOptions(
        DaemonHttpTest.options(tmp, socket).managed().withRuntimeDir(tmp.resolve("run2")),
        List.of(URI.create("tcp://127.0.0.1:0")),
        Optional.of(new DaemonOptions.Tls(pki.caCert(), pki.serverCert(), pki.serverKey())));
    daemon.close();
    daemon = Daemon.start(tcp);
    String host = "tcp://127.0.0.1:" + daemon.listening().get(0).getPort();
    Run r = dockerAt(host, "--tlsverify", "--tlscacert", pki.caCert().toString(),
        "--tlscert", pki.clientCert().toString(), "--tlskey", pki.clientKey().toString(),
        "version", "--format", "{{.Server.Platform.Name}} {{.Server.APIVersion}}");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("Hangar 1.41");
    Run noCert = dockerAt(host, "--tlsverify", "--tlscacert", pki.caCert().toString(),
        "version");
    assertThat(noCert.exit()).isNotZero();
    assertThat(noCert.err()).contains("tls");
  }
}
