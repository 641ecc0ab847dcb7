package dev.hangar.managed;

import dev.hangar.testkit.MiniPlugin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manager end to end with real runc containers of the mini test plugin. */
class ManagedPluginsTest {
  @TempDir Path tmp;
  private Path root;
  private ManagedPlugins managed;
  private final List<ManagedEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    managed = open(settings());
  }

  private ManagedSettings settings() {
    return ManagedSettings.defaults(root).withStartTimeout(Duration.ofSeconds(10))
        .withStopGrace(Duration.ofSeconds(2));
  }

  private ManagedPlugins open(ManagedSettings s) {
    ManagedPlugins m = ManagedPlugins.open(s);
    m.subscribe(events::add);
    return m;
  }

  @AfterEach
  void close() {
    if (managed != null) {
      managed.close();
    }
    assertThat(MiniPlugin.miniProcesses(tmp)).as("no plugin process left").isEmpty();
  }

  private Path pkg(String config) throws Exception {
    return MiniPlugin.write(Files.createTempDirectory(tmp, "pkg"), config);
  }

  @Test
  void createMakesADisabledPluginWithDockersNameIdAndSettings() throws Exception {
    ManagedPlugin p = managed.create("mini", pkg(MiniPlugin.config()));
    assertThat(p.name()).isEqualTo("mini:latest");
    assertThat(p.id()).matches("[0-9a-f]{64}");
    assertThat(p.enabled()).isFalse();
    assertThat(p.state()).isEqualTo(ManagedState.DISABLED);
    assertThat(p.settings().env()).containsExactly("MINI_ECHO=hello");
    assertThat(managed.inspect(p.id()).name()).isEqualTo("mini:latest");
    assertThat(managed.inspect("mini").id()).isEqualTo(p.id());
    assertThat(managed.inspect("mini:latest").id()).isEqualTo(p.id());
    assertThat(managed.inspect(p.id().substring(0, 5)).id()).isEqualTo(p.id());
    assertThat(events).extracting(ManagedEvent::action).containsExactly("create");
  }

  @Test
  void aNameTakenIsRefusedAndNothingIsAdded() throws Exception {
    Path dir = pkg(MiniPlugin.config());
    managed.create("mini", dir);
    assertThatThrownBy(() -> managed.create("mini:latest", dir))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_EXISTS))
        .hasMessage("plugin mini:latest already exists");
    assertThat(managed.list()).hasSize(1);
  }

  @Test
  void anUnknownReferenceIsNotFoundWithDockersMessage() {
    assertThatThrownBy(() -> managed.inspect("nope"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND))
        .hasMessage("plugin \"nope\" not found");
    assertThat(managed.find("Upper/Case")).isEmpty();
  }

  @Test
  void aBadPackageLeavesNothingBehind() throws Exception {
    Path dir = pkg(MiniPlugin.config());
    try (Stream<Path> s = Files.walk(dir.resolve("rootfs"))) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    assertThatThrownBy(() -> managed.create("mini", dir))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_INVALID))
        .hasMessageContaining("no rootfs found");
    assertThat(managed.list()).isEmpty();
    try (Stream<Path> s = Files.list(root.resolve("managed"))) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
          .allMatch(n -> n.equals("tmp"));
    }
    try (Stream<Path> s = Files.list(root.resolve("managed/tmp"))) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void setChangesTheEnvironmentTheEnabledPluginSeesAndIsRefusedWhileItRuns() throws Exception {
    MiniPackages.assumeRuntime();
    ManagedPlugin p = managed.create("mini", pkg(MiniPlugin.config()));
    managed.set("mini", List.of("MINI_ECHO=set-by-test"));
    managed.enable("mini", Duration.ofSeconds(7)); // Docker's enable?timeout: the client's
    try (ManagedLease lease = managed.acquire("mini", Optional.empty())) {
      assertThat(lease.clientTimeout()).contains(Duration.ofSeconds(7));
    }
    assertThat(managed.inspect("mini").state()).isEqualTo(ManagedState.ENABLED);
    assertThat(call("mini", "Mini.Env")).isEqualTo("\"set-by-test\"\n");
    assertThatThrownBy(() -> managed.set("mini", List.of("MINI_ECHO=x")))
        .hasMessage("cannot set on an active plugin, disable plugin before setting");
    assertThat(MiniPlugin.miniProcesses(tmp)).hasSize(1);
    managed.disable(p.id(), false);
    assertThat(managed.inspect("mini").state()).isEqualTo(ManagedState.DISABLED);
    assertThat(MiniPlugin.miniProcesses(tmp)).isEmpty();
    assertThat(events).extracting(ManagedEvent::action)
        .containsExactly("create", "enable", "disable");
  }

  @Test
  void enableOfAPluginThatExitsFailsWithItsOutputAndLeavesItDisabled() throws Exception {
    MiniPackages.assumeRuntime();
    managed.create("bad", pkg(MiniPlugin.shellConfig("echo about to fail; exit 7")));
    assertThatThrownBy(() -> managed.enable("bad", Duration.ZERO))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_START_FAILED))
        .hasMessageContaining("exited with status 7")
        .hasMessageContaining("about to fail");
    ManagedPlugin p = managed.inspect("bad");
    assertThat(p.enabled()).isFalse();
    assertThat(p.state()).isEqualTo(ManagedState.DISABLED);
    assertThat(events).extracting(ManagedEvent::action).containsExactly("create");
  }

  @Test
  void enableGivesUpWhenTheSocketNeverAnswersWithinTheStartTimeout() throws Exception {
    MiniPackages.assumeRuntime();
    managed.close();
    managed = open(settings().withStartTimeout(Duration.ofMillis(800)));
    managed.create("mute", pkg(MiniPlugin.config(
        "{\"Name\": \"MINI_NO_LISTEN\", \"Value\": \"1\"}")));
    assertThatThrownBy(() -> managed.enable("mute", Duration.ZERO))
        .hasMessageContaining("did not answer within 800ms")
        .hasMessageContaining("mini plugin starting");
    assertThat(managed.inspect("mute").state()).isEqualTo(ManagedState.DISABLED);
    assertThat(MiniPlugin.miniProcesses(tmp)).isEmpty();
  }

  @Test
  void aPluginThatExitsIsRestartedAndServesAgain() throws Exception {
    MiniPackages.assumeRuntime();
    managed.create("mini", pkg(MiniPlugin.config()));
    managed.enable("mini", Duration.ZERO);
    long firstPid = MiniPlugin.miniProcesses(tmp).get(0);
    call("mini", "Mini.Exit");
    await(() -> events.stream().anyMatch(e -> e.action().equals("restart")), "a restart");
    assertThat(managed.inspect("mini").state()).isEqualTo(ManagedState.ENABLED);
    assertThat(call("mini", "Mini.Env")).isEqualTo("\"hello\"\n");
    assertThat(MiniPlugin.miniProcesses(tmp)).hasSize(1).doesNotContain(firstPid);
  }

  @Test
  void aPluginThatStopsAnsweringProbesIsShownUnhealthyThenKilledAndRestarted()
      throws Exception {
    MiniPackages.assumeRuntime();
    managed.close();
    managed = open(settings().withHealth(new HealthCheck(Duration.ofMillis(200),
        Duration.ofMillis(300), 3)));
    managed.create("mini", pkg(MiniPlugin.config()));
    managed.enable("mini", Duration.ZERO);
    long frozen = MiniPlugin.miniProcesses(tmp).get(0);
    new ProcessBuilder("kill", "-STOP", Long.toString(frozen)).start().waitFor();

    await(() -> managed.inspect("mini").unhealthy().isPresent(), "unhealthy");
    assertThat(managed.inspect("mini").unhealthy()).hasValueSatisfying(u -> assertThat(u)
        .startsWith("health probe ").contains(" of 3 failed: "));
    await(() -> events.stream().anyMatch(e -> e.action().equals("restart")), "a restart");
    assertThat(events).extracting(ManagedEvent::action).containsSubsequence("unhealthy",
        "restart");
    assertThat(managed.inspect("mini").state()).isEqualTo(ManagedState.ENABLED);
    assertThat(managed.inspect("mini").unhealthy()).isEmpty();
    assertThat(call("mini", "Mini.Env")).isEqualTo("\"hello\"\n");
    assertThat(MiniPlugin.miniProcesses(tmp)).hasSize(1).doesNotContain(frozen);
  }

  @Test
  void aCrashLoopingPluginEndsFailedSavedDisabledAndIsNotStartedAgainByTheNextOwner()
      throws Exception {
    MiniPackages.assumeRuntime();
    managed.create("loop", pkg(MiniPlugin.config(
        "{\"Name\": \"MINI_EXIT_AFTER_MS\", \"Value\": \"300\"}")));
    managed.enable("loop", Duration.ZERO);
    await(() -> managed.inspect("loop").state() == ManagedState.FAILED, "failed");
    ManagedPlugin p = managed.inspect("loop");
    assertThat(p.enabled()).isFalse();
    assertThat(p.failure()).hasValueSatisfying(f -> assertThat(f)
        .contains("exited 5 times within 60s").contains("status 4"));
    assertThat(events).extracting(ManagedEvent::action).contains("restart", "failed");
    managed.close();
    managed = open(settings());
    assertThat(managed.inspect("loop").state()).isEqualTo(ManagedState.FAILED);
    assertThat(MiniPlugin.miniProcesses(tmp)).isEmpty();
    managed.disable("loop", false); // clears the failure
    assertThat(managed.inspect("loop").state()).isEqualTo(ManagedState.DISABLED);
  }

  @Test
  void theNextOwnerOfTheRootEnablesAgainWhatWasEnabled() throws Exception {
    MiniPackages.assumeRuntime();
    managed.create("mini", pkg(MiniPlugin.config()));
    managed.enable("mini", Duration.ZERO);
    managed.close();
    assertThat(MiniPlugin.miniProcesses(tmp)).isEmpty();
    managed = open(settings());
    assertThat(managed.inspect("mini").state()).isEqualTo(ManagedState.ENABLED);
    assertThat(MiniPlugin.miniProcesses(tmp)).hasSize(1);
    assertThat(call("mini", "Mini.Env")).isEqualTo("\"hello\"\n");
  }

  @Test
  void closingTheRootLeavesNothingInTheRuntimeDir() throws Exception {
    MiniPackages.assumeRuntime();
    Path runtimeDir = runtimeDirs().base();
    managed.create("mini", pkg(MiniPlugin.config()));
    managed.enable("mini", Duration.ZERO);
    assertThat(runtimeDir).isDirectory();
    managed.close();
    assertThat(runtimeDir).as("removed with the runtime's state dir in it").doesNotExist();
    managed = open(settings());
    assertThat(call("mini", "Mini.Env")).as("made again by the next owner")
        .isEqualTo("\"hello\"\n");
  }

  @Test
  void aContainerCreateKilledBeforeItWasSavedIsClearedByTheNextOwner() throws Exception {
    MiniPackages.assumeRuntime();
    dev.hangar.managed.internal.runtime.RuntimeDirs dirs = runtimeDirs(); // makes them
    managed.create("mini", pkg(MiniPlugin.config()));
    managed.enable("mini", Duration.ZERO);
    managed.close();
    // what runc create leaves when it is killed after making the fifo, before saving state.json
    Path unsaved = dirs.runtimeState().resolve("f".repeat(64));
    Files.createDirectories(unsaved);
    Files.createFile(unsaved.resolve("exec.fifo"));

    managed = open(settings());
    assertThat(unsaved).doesNotExist();
    assertThat(call("mini", "Mini.Env")).isEqualTo("\"hello\"\n");
    managed.close();
    assertThat(dirs.base()).as("nothing left to keep it").doesNotExist();
  }

  /** The root's runtime dirs, made if missing. */
  private dev.hangar.managed.internal.runtime.RuntimeDirs runtimeDirs() {
    return dev.hangar.managed.internal.runtime.RuntimeDirs.forRoot(root,
        dev.hangar.managed.internal.runtime.HostIds.isRoot(), System.getenv());
  }

  @Test
  void aLeaseHoldsThePluginAgainstDisableAndRmUnlessForced() throws Exception {
    MiniPackages.assumeRuntime();
    managed.create("mini", pkg(MiniPlugin.config()));
    managed.enable("mini", Duration.ZERO);
    assertThatThrownBy(() -> managed.acquire("mini", Optional.of("networkdriver")))
        .hasMessage("plugin does not provide \"networkdriver\" capability");
    try (ManagedLease lease = managed.acquire("mini", Optional.of("VolumeDriver"))) {
      assertThat(lease.socket()).isAbsolute().exists();
      assertThat(lease.clientTimeout()).as("timeout 0 is none").isEmpty();
      assertThatThrownBy(() -> managed.disable("mini", false))
          .hasMessage("plugin mini:latest is in use");
      assertThatThrownBy(() -> managed.remove("mini", false))
          .hasMessage("plugin mini:latest is in use");
    }
    assertThatThrownBy(() -> managed.remove("mini", false))
        .hasMessage("plugin mini:latest is enabled");
    managed.remove("mini", true);
    assertThat(managed.list()).isEmpty();
    assertThat(MiniPlugin.miniProcesses(tmp)).isEmpty();
    assertThat(events).extracting(ManagedEvent::action).endsWith("remove");
  }

  @Test
  void theLogHoldsWhatThePluginWroteOnBothStreams() throws Exception {
    MiniPackages.assumeRuntime();
    managed.create("mini", pkg(MiniPlugin.config()));
    managed.enable("mini", Duration.ZERO);
    List<LogLine> lines = new ArrayList<>();
    managed.logs("mini", LogQuery.ALL, l -> lines.add(l));
    assertThat(lines).extracting(LogLine::stream, LogLine::text).contains(
        org.assertj.core.groups.Tuple.tuple("stdout", "mini plugin starting"),
        org.assertj.core.groups.Tuple.tuple("stderr", "mini plugin stderr line"));
  }

  @Test
  void aMissingRuntimeIsAClearErrorAndTheRestStillWorks() throws Exception {
    managed.close();
    managed = open(settings().withRuntime(tmp.resolve("no-such-runc")));
    managed.create("mini", pkg(MiniPlugin.config()));
    assertThatThrownBy(() -> managed.enable("mini", Duration.ZERO))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_UNAVAILABLE))
        .hasMessageContaining("no-such-runc");
    assertThat(managed.inspect("mini").state()).isEqualTo(ManagedState.DISABLED);
  }

  @Test
  void aSecondOwnerOfTheRootIsRefused() {
    assertThatThrownBy(() -> ManagedPlugins.open(settings()))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOT_LOCKED));
  }

  private String call(String ref, String method) {
    try (ManagedLease lease = managed.acquire(ref, Optional.empty());
        PluginClient c = PluginClient.create(ref, new PluginAddress.Unix(lease.socket()),
            ClientConfig.DEFAULT)) {
      return new String(c.callRaw(method, null, CallOptions.DEFAULT), StandardCharsets.UTF_8);
    }
  }

  private static void await(BooleanSupplier cond, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!cond.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

}
