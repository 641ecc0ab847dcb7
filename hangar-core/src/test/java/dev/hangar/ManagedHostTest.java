package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.managed.ManagedLease;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.managed.ManagedState;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.MiniPlugin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managed plugins in the host's lookups (moby's Store.Get / GetAllByCap rules), with runc. */
class ManagedHostTest {
  @TempDir Path tmp;
  private Path published;
  private PluginHost host;

  @BeforeEach
  void build() throws Exception {
    java.util.Optional<String> missing = MiniPlugin.missing();
    if (missing.isPresent() && System.getenv("CI") != null) {
      throw new AssertionError("CI is set but " + missing.get() + " is missing");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(missing.isEmpty(),
        () -> "needs " + missing.orElse(""));
    published = Files.createDirectories(tmp.resolve("published"));
    host = newHost();
  }

  /** A host owning the managed plugins of {@code tmp/root}. */
  private PluginHost newHost() throws Exception {
    return PluginHost.builder()
        .dirs(new DiscoveryDirs(List.of(Files.createDirectories(tmp.resolve("sockets"))),
            List.of(tmp.resolve("specs"))))
        .pluginDirs(List.of(tmp.resolve("plugins"))).execDirs(List.of(tmp.resolve("exec")))
        .managed(ManagedSettings.defaults(tmp.resolve("root")).withPublishSockets(published)
            .withStopGrace(Duration.ofSeconds(2)))
        .build();
  }

  @AfterEach
  void close() throws Exception {
    if (host != null) {
      host.close();
      host.close(); // idempotent
    }
    assertThat(ourMiniProcesses()).isEmpty();
  }

  /** The mini plugins running from this test's root (other tests may be running theirs). */
  private List<Long> ourMiniProcesses() {
    return MiniPlugin.miniProcesses(tmp);
  }

  private ManagedPlugins managed() {
    return host.managed().orElseThrow();
  }

  private void create(String name) throws Exception {
    managed().create(name, MiniPlugin.write(Files.createTempDirectory(tmp, "pkg"),
        MiniPlugin.config()));
  }

  private void createAndEnable(String name) throws Exception {
    create(name);
    managed().enable(name, Duration.ZERO);
  }

  /** Calls {@code method} through the plugin's host client (a lookup: the plugin is held). */
  private static String call(SocketPlugin p, String method) {
    return new String(p.client().callRaw(method, null, CallOptions.DEFAULT),
        StandardCharsets.UTF_8);
  }

  /** Calls {@code method} on its own connection, holding the plugin only meanwhile. */
  private String direct(String ref, String method) {
    try (ManagedLease lease = managed().acquire(ref, Optional.empty());
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

  @Test
  void anEnabledManagedPluginIsFoundByNameAndCapabilityAndHeldUntilTheHostCloses()
      throws Exception {
    createAndEnable("mini");
    SocketPlugin p = host.get("mini", "VolumeDriver");
    assertThat(p.name()).isEqualTo("mini:latest");
    assertThat(p.discovered().kind()).isEqualTo(DiscoveredPlugin.Kind.MANAGED);
    assertThat(new String(p.client().callRaw("Mini.Env", null, CallOptions.DEFAULT),
        StandardCharsets.UTF_8)).isEqualTo("\"hello\"\n");
    assertThat(host.get("mini:latest", "volumedriver").name()).isEqualTo("mini:latest");
    assertThatThrownBy(() -> managed().disable("mini", false))
        .hasMessage("plugin mini:latest is in use");
    assertThat(host.getAll("VolumeDriver").plugins()).extracting(SocketPlugin::name)
        .containsExactly("mini:latest");
    managed().disable("mini", true);
  }

  @Test
  void aManagedPluginWithoutTheCapabilityOrDisabledIsRefusedWithMobysWords() throws Exception {
    createAndEnable("mini");
    assertThatThrownBy(() -> host.get("mini", "NetworkDriver"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CAPABILITY_NOT_IMPLEMENTED))
        .hasMessageContaining("does not provide \"networkdriver\" capability");
    managed().create("off", MiniPlugin.write(Files.createTempDirectory(tmp, "pkg"),
        MiniPlugin.config()));
    assertThatThrownBy(() -> host.get("off", "VolumeDriver"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_DISABLED))
        .hasMessage("plugin off:latest found but disabled");
  }

  @Test
  void aPublishedSocketIsFoundByLegacyDiscoveryByName() throws Exception {
    createAndEnable("mini");
    assertThat(published.resolve("mini.sock")).isSymbolicLink();
    try (PluginHost legacy = PluginHost.builder()
        .dirs(new DiscoveryDirs(List.of(published), List.of(tmp.resolve("none"))))
        .pluginDirs(List.of(tmp.resolve("plugins"))).execDirs(List.of(tmp.resolve("exec")))
        .build()) {
      SocketPlugin p = legacy.get("mini", "VolumeDriver");
      assertThat(p.discovered().kind()).isEqualTo(DiscoveredPlugin.Kind.SOCKET);
      assertThat(p.implementsList()).containsExactly("VolumeDriver");
    }
    managed().disable("mini", false);
    assertThat(published.resolve("mini.sock")).doesNotExist();
  }

  @Test
  void aHandlerRegisteredBeforeEnableRunsOnceWhenTheManagedPluginIsEnabledWithoutAnyGet()
      throws Exception {
    List<SocketPlugin> seen = new CopyOnWriteArrayList<>();
    List<String> network = new CopyOnWriteArrayList<>();
    host.handle("VolumeDriver", seen::add);
    host.handle("NetworkDriver", p -> network.add(p.name()));
    create("mini");
    assertThat(seen).isEmpty();
    managed().enable("mini", Duration.ZERO);
    await(() -> !seen.isEmpty(), "the handler");
    SocketPlugin p = seen.get(0);
    assertThat(p.name()).isEqualTo("mini:latest");
    assertThat(p.discovered().kind()).isEqualTo(DiscoveredPlugin.Kind.MANAGED);
    assertThat(p.implementsCapability("VolumeDriver")).isTrue();
    assertThat(p.implementsCapability("NetworkDriver")).isFalse();
    assertThat(call(p, "Mini.Env")).isEqualTo("\"hello\"\n");
    host.get("mini", "VolumeDriver"); // the host's own activations run no handler again
    host.getAll("VolumeDriver");
    assertThat(seen).hasSize(1);
    assertThat(network).isEmpty();
    managed().disable("mini", true);
  }

  @Test
  void aManagedPluginEnabledAgainAfterDisableRunsItsHandlersAgainAndTheyHoldNothing()
      throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    host.handle("volumedriver", p -> seen.add(p.name()));
    createAndEnable("mini");
    await(() -> seen.size() == 1, "the first enable's handler");
    managed().disable("mini", false); // being handed to a handler is no lookup: not in use
    managed().enable("mini", Duration.ZERO);
    await(() -> seen.size() == 2, "the second enable's handler");
    managed().disable("mini", false);
    assertThat(seen).containsExactly("mini:latest", "mini:latest");
  }

  @Test
  void aHandlerRegisteredAfterEnableRunsAtOnceForTheEnabledManagedPluginsAsMobysCallersDo()
      throws Exception {
    createAndEnable("mini");
    create("off");
    List<String> seen = new CopyOnWriteArrayList<>();
    host.handle("VolumeDriver", p -> seen.add(p.name()));
    assertThat(seen).containsExactly("mini:latest"); // on this thread, before handle returns
    host.get("mini", "VolumeDriver");
    assertThat(seen).containsExactly("mini:latest");
    managed().disable("mini", true);
    managed().enable("mini", Duration.ZERO);
    await(() -> seen.size() == 2, "the handler on the next enable");
    assertThat(seen).containsExactly("mini:latest", "mini:latest");
  }

  @Test
  void pluginsEnabledAgainWhenTheHostOpensAreHandedToHandlersRegisteredAfterwards()
      throws Exception {
    createAndEnable("mini");
    host.close();
    host = newHost(); // restores mini, before any handler can be registered
    assertThat(managed().inspect("mini").state()).isEqualTo(ManagedState.ENABLED);
    List<String> seen = new CopyOnWriteArrayList<>();
    host.handle("VolumeDriver", p -> seen.add(p.name()));
    assertThat(seen).containsExactly("mini:latest");
    managed().disable("mini", false);
  }

  @Test
  void aSupervisedRestartRunsTheHandlersAgainAsMobysReEnableDoes() throws Exception {
    List<SocketPlugin> seen = new CopyOnWriteArrayList<>();
    host.handle("VolumeDriver", seen::add);
    createAndEnable("mini");
    await(() -> seen.size() == 1, "the enable's handler");
    direct("mini", "Mini.Exit");
    await(() -> seen.size() == 2, "the handler after the restart");
    assertThat(call(seen.get(1), "Mini.Env")).isEqualTo("\"hello\"\n");
    assertThat(seen).extracting(SocketPlugin::name).containsExactly("mini:latest", "mini:latest");
  }

  @Test
  void aThrowingHandlerIsLoggedAndFailsNeitherTheEnableNorTheOtherHandlers() throws Exception {
    RuntimeException broke = new IllegalStateException("handler broke");
    List<String> seen = new CopyOnWriteArrayList<>();
    host.handle("VolumeDriver", p -> {
      throw broke;
    });
    host.handle("VolumeDriver", p -> seen.add(p.name()));
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Logger log = Logger.getLogger("dev.hangar.internal.host.ManagedHandlers");
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(capture);
    try {
      createAndEnable("mini");
      await(() -> !seen.isEmpty(), "the other handler");
      assertThat(seen).containsExactly("mini:latest");
      assertThat(managed().inspect("mini").state()).isEqualTo(ManagedState.ENABLED);
      assertThat(logged).anySatisfy(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getMessage()).contains("mini:latest");
        assertThat(r.getThrown()).isSameAs(broke);
      });
    } finally {
      log.removeHandler(capture);
    }
  }

  @Test
  void aHandlerCallingTheHostFromInsideDoesNotDeadlockTheEnable() throws Exception {
    List<String> got = new CopyOnWriteArrayList<>();
    host.handle("VolumeDriver", p -> {
      SocketPlugin again = host.get(p.name(), "VolumeDriver");
      got.add(call(again, "Mini.Env"));
      got.add(host.getAll("VolumeDriver").plugins().get(0).name());
    });
    create("mini");
    CompletableFuture<Void> enabled = CompletableFuture.runAsync(
        () -> managed().enable("mini", Duration.ZERO));
    await(enabled::isDone, "the enable");
    enabled.join();
    assertThat(got).containsExactly("\"hello\"\n", "mini:latest");
    managed().disable("mini", true);
  }
}
