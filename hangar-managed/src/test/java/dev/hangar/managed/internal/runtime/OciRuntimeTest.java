package dev.hangar.managed.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containers run by the real runc, from specs {@link OciSpec} builds, on a busybox rootfs. */
class OciRuntimeTest {
  @TempDir Path dir;
  Path rootfs;
  Path runtimeDir;
  OciRuntime runc;
  int bundles;

  @BeforeEach
  void setUp() throws Exception {
    Runc.assumeUsable();
    rootfs = Runc.rootfs(dir);
    runtimeDir = Files.createDirectories(dir.resolve("run"));
    runc = OciRuntime.locate(Optional.empty(), dir.resolve("state"), false, System.getenv());
  }

  @AfterEach
  void removeEveryContainer() {
    if (runc == null) {
      return;
    }
    for (OciRuntime r : List.of(runc, rootless())) {
      for (String id : r.list()) {
        r.kill(id, "KILL");
        r.delete(id);
      }
    }
  }

  @Test
  void aContainersStdoutStderrAndExitStatusReachTheCaller() throws Exception {
    Runc.Ran ran = Runc.finish(start("echo", Configs.plugin()
        .shell("echo to-stdout; echo to-stderr >&2; exit 3")));
    assertThat(ran.exit()).isEqualTo(3);
    assertThat(ran.stdout()).isEqualTo("to-stdout\n");
    assertThat(ran.stderr()).isEqualTo("to-stderr\n");
  }

  @Test
  void thePluginRuntimeDirIsBoundAtRunDockerPlugins() throws Exception {
    Runc.Ran ran = Runc.finish(start("rundir", Configs.plugin()
        .shell("echo hi > /run/docker/plugins/p.sock.txt")));
    assertThat(ran.exit()).as(ran.stderr()).isZero();
    assertThat(runtimeDir.resolve("p.sock.txt")).hasContent("hi");
  }

  @Test
  void listPidKillAndDeleteAContainer() throws Exception {
    Process p = start("sleeper", waitsForTerm());
    awaitReady(p);
    assertThat(runc.list()).containsExactly("sleeper");
    OptionalLong pid = runc.pid("sleeper");
    assertThat(pid).isPresent();
    assertThat(Files.readString(Path.of("/proc/" + pid.getAsLong() + "/cmdline")))
        .startsWith("/bin/sh");

    runc.kill("sleeper", "TERM");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(143);
    assertThat(runc.list()).doesNotContain("sleeper");
    assertThat(runc.pid("sleeper")).isEmpty();
    runc.kill("sleeper", "TERM");
    runc.delete("sleeper");
    runc.delete("never-was");
    runc.kill("never-was", "KILL");
  }

  @Test
  void aContainerOutlivesItsKilledRuncRunUntilKilledAndDeleted() throws Exception {
    Process p = start("orphan", waitsForTerm());
    awaitReady(p);
    long pid = runc.pid("orphan").orElseThrow();
    p.destroyForcibly();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(runc.list()).containsExactly("orphan");
    assertThat(runc.pid("orphan")).hasValue(pid);

    runc.kill("orphan", "KILL");
    runc.delete("orphan");
    assertThat(runc.list()).isEmpty();
    awaitGoneOrZombie(pid);
  }

  @Test
  void withoutHostNetworkTheHostsLoopbackIsUnreachable() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> got = acceptOneLine(server);
      Runc.Ran ran = Runc.finish(start("isolated", Configs.plugin()
          .shell("echo hi | nc -w 5 127.0.0.1 " + server.getLocalPort())));
      assertThat(ran.exit()).as("nc's exit status").isNotZero();
      assertThat(ran.stderr()).contains("refused");
      assertThat(got).isNotDone();
    }
  }

  @Test
  void withHostNetworkTheHostsLoopbackIsReachable() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> got = acceptOneLine(server);
      Runc.Ran ran = Runc.finish(start("hostnet", Configs.plugin().network("host")
          .shell("echo hi | nc -w 5 127.0.0.1 " + server.getLocalPort())));
      assertThat(ran.exit()).as(ran.stderr()).isZero();
      assertThat(got.get(60, TimeUnit.SECONDS)).isEqualTo("hi");
    }
  }

  @Test
  void anUndeclaredHostPathIsNotVisibleInside() throws Exception {
    Path secret = Files.writeString(Files.createDirectories(dir.resolve("secret")).resolve("f"),
        "s");
    Runc.Ran ran = Runc.finish(start("hidden", Configs.plugin()
        .shell("test -e " + secret + " && echo visible || echo hidden; ls /")));
    assertThat(ran.exit()).as(ran.stderr()).isZero();
    assertThat(ran.stdout()).startsWith("hidden\n").doesNotContain("secret");
  }

  @Test
  void aBindMountDeclaredInConfigMountsIsVisible() throws Exception {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.writeString(shared.resolve("marker"), "from the host");
    Runc.Ran ran = Runc.finish(start("mounted", Configs.plugin()
        .mount("data", shared.toString(), "/data", "rbind", "ro")
        .shell("cat /data/marker; echo x > /data/new || echo read-only")));
    assertThat(ran.stdout()).startsWith("from the host").contains("read-only");
    assertThat(shared.resolve("new")).doesNotExist();
  }

  @Test
  void settingsEnvReachesTheProcess() throws Exception {
    Runc.Ran ran = Runc.finish(start("env", Configs.plugin().entrypoint("/bin/env"),
        s -> new PluginSettings(s.mounts(), List.of("DEBUG=1", "GREETING=hello world"),
            s.args(), s.devices()), false));
    assertThat(ran.exit()).as(ran.stderr()).isZero();
    assertThat(ran.stdout().lines()).contains("PATH=" + DockerDefaults.PATH, "DEBUG=1",
        "GREETING=hello world");
  }

  @Test
  void aRootlessSpecRunsAsUidZeroInAUserNamespace() throws Exception {
    Runc.Ran ran = Runc.finish(start("rootless", Configs.plugin()
        .shell("id -u; cat /proc/self/uid_map"), s -> s, true));
    assertThat(ran.exit()).as(ran.stderr()).isZero();
    List<String> lines = ran.stdout().lines().toList();
    assertThat(lines.get(0)).isEqualTo("0");
    // in the initial namespace the map is "0 0 4294967295": one id mapped means a user namespace
    assertThat(lines.get(1).trim().split("\\s+"))
        .containsExactly("0", Long.toString(HostIds.euid()), "1");
  }

  @Test
  void runWithoutConfigJsonFailsNamingTheBundle() {
    Path empty = dir.resolve("empty-bundle");
    assertThatThrownBy(() -> runc.run("nobundle", empty))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_START_FAILED))
        .hasMessageContaining("nobundle").hasMessageContaining(empty.toString());
  }

  @Test
  void writeBundleReplacesConfigJsonAndLeavesNoTempFile() throws Exception {
    Path bundle = dir.resolve("b");
    OciRuntime.writeBundle(bundle, OciSpec.build(Configs.plugin().build(),
        PluginSettings.initial(Configs.plugin().build()), rootfs, runtimeDir, Optional.empty(),
        false));
    OciRuntime.writeBundle(bundle, DockerDefaults.spec());
    try (var files = Files.list(bundle)) {
      assertThat(files).containsExactly(bundle.resolve("config.json"));
    }
    assertThat(Files.readString(bundle.resolve("config.json"))).doesNotContain("/bin/plugin");
  }

  private Process start(String id, Configs config) {
    return start(id, config, s -> s, false);
  }

  private Process start(String id, Configs config, UnaryOperator<PluginSettings> settings,
      boolean rootless) {
    PluginConfig c = config.build();
    Path bundle = dir.resolve("bundle-" + (++bundles));
    OciRuntime.writeBundle(bundle, OciSpec.build(c, settings.apply(PluginSettings.initial(c)),
        rootfs, runtimeDir, Optional.empty(), rootless));
    return (rootless ? rootless() : runc).run(id, bundle);
  }

  private OciRuntime rootless() {
    return OciRuntime.locate(Optional.empty(), dir.resolve("state-rootless"), true,
        System.getenv());
  }

  /** A shell that says {@code ready}, then waits; SIGTERM ends it with 143. */
  private static Configs waitsForTerm() {
    return Configs.plugin().shell("trap 'exit 143' TERM; echo ready; sleep 1000 & wait");
  }

  private static void awaitReady(Process p) throws Exception {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("ready");
  }

  private static CompletableFuture<String> acceptOneLine(ServerSocket server) {
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (Socket s = server.accept()) {
        line.complete(new BufferedReader(new InputStreamReader(s.getInputStream(),
            StandardCharsets.UTF_8)).readLine());
      } catch (Exception e) {
        line.completeExceptionally(e);
      }
    });
    return line;
  }

  /** Polls {@code /proc/<pid>} until it is gone or a zombie (the init here may reap late). */
  private static void awaitGoneOrZombie(long pid) throws Exception {
    Path status = Path.of("/proc/" + pid + "/status");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      Optional<String> state;
      try {
        state = Files.readAllLines(status).stream().filter(l -> l.startsWith("State:"))
            .findFirst();
      } catch (IOException e) {
        return; // gone
      }
      if (state.isEmpty() || state.get().contains("Z")) {
        return;
      }
      assertThat(Instant.now()).as("pid " + pid + " still " + state.get()).isBefore(deadline);
      Thread.sleep(10);
    }
  }
}
