package dev.hangar.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.DiscoveryDirs;
import dev.hangar.PluginHost;
import dev.hangar.api.PluginInit;
import dev.hangar.exec.ExecResult;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.metrics.HangarMetrics;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.PluginJarBuilder;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The soak run's plugins, one of every kind, in one {@link PluginHost} observed by
 * {@link HangarMetrics}: three SDK socket plugins (one JVM of their own, {@link SoakSdkServers}),
 * the Go socket plugin {@code govolume}, the Go plugin {@code goplugin} as a managed plugin under
 * runc (left out, with a message, unless root with runc), two exec plugins (a shell script and
 * core0's Go test plugin, one process per call) and a JAR plugin built here. {@link #close()}
 * closes the host, stops the peers and deletes the files.
 */
final class SoakPlugins implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);
  /** The weights: exec plugins start a process per call, so they get a small share. */
  private static final int SDK = 20;
  private static final int GO = 12;
  private static final int MANAGED = 12;
  private static final int JAR = 12;
  private static final int EXEC = 1;

  private final ShortTempDir tmp = new ShortTempDir();
  private final List<AutoCloseable> peers = new ArrayList<>();
  private final Map<String, Long> processes = new LinkedHashMap<>();
  private final List<SoakTarget> targets = new ArrayList<>();
  private final HangarMetrics metrics = HangarMetrics.create();
  private final Optional<String> managedMissing;
  private PluginHost host;

  private SoakPlugins() {
    managedMissing = managedMissing();
  }

  /** Starts every plugin and the host; the first call of each is made and checked here. */
  static SoakPlugins start() throws Exception {
    SoakPlugins p = new SoakPlugins();
    try {
      p.setUp();
      return p;
    } catch (Exception | Error e) {
      p.close();
      throw e;
    }
  }

  private void setUp() throws Exception {
    GoPrograms.build();
    Path sockets = Files.createDirectories(tmp.resolve("sockets"));
    List<String> sdk = List.of("soak-sdk-1", "soak-sdk-2", "soak-sdk-3");
    processes.put("host", ProcessHandle.current().pid());
    processes.put("sdk plugins", startSdk(sdk, sockets));
    processes.put("go plugin", startGoVolume(sockets.resolve("soak-go.sock")));
    writeJar(tmp.resolve("jars"));
    writeExec(Files.createDirectories(tmp.resolve("exec")));
    PluginHost.Builder b = PluginHost.builder()
        .dirs(new DiscoveryDirs(List.of(sockets), List.of(tmp.resolve("specs"))))
        .pluginDirs(List.of(tmp.resolve("jars"))).execDirs(List.of(tmp.resolve("exec")))
        .observer(metrics);
    if (managedMissing.isEmpty()) {
      // runtime state in the run's temp dir, as every other test keeps it (not /run/hangar)
      b.managed(ManagedSettings.defaults(tmp.resolve("managed"))
          .withRuntimeDir(tmp.resolve("rt")).withStopGrace(Duration.ofSeconds(2)));
    }
    host = b.build();
    for (String name : sdk) {
      SoakEcho echo = host.get(name, SoakEcho.class);
      targets.add(new SoakTarget(name, "socket", SDK, (caller, seq) -> {
        SoakEcho.Ping reply = echo.echo(new SoakEcho.Ping(caller, seq));
        check(reply.seq() == seq && reply.caller() == caller, reply);
      }));
    }
    targets.add(volumeTarget("soak-go", "socket", GO));
    if (managedMissing.isEmpty()) {
      startManaged();
      targets.add(volumeTarget("soak-managed", "managed", MANAGED));
    }
    targets.add(jarTarget());
    targets.add(execTarget("soaksh"));
    targets.add(execTarget("soakgo"));
    for (SoakTarget t : targets) {
      t.call().call(0, 0);
    }
  }

  /** Why the managed plugin is left out (not root, no runc), or empty when it is in. */
  private static Optional<String> managedMissing() {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean runc = Command.run(List.of("sh", "-c", "command -v runc"), Path.of("/"), Map.of(),
        Duration.ofSeconds(10)).exitCode() == 0;
    return !root ? Optional.of("root") : !runc ? Optional.of("runc on the PATH") : Optional.empty();
  }

  private long startSdk(List<String> names, Path sockets) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        SoakSdkServers.class.getName()));
    names.forEach(n -> command.add(sockets.resolve(n + ".sock").toString()));
    GoPeer peer = GoPeer.start("sdk plugins", command, Map.of());
    peers.add(peer);
    peer.awaitLine("listening", START);
    return peer.pid();
  }

  private long startGoVolume(Path socket) {
    GoPeer peer = GoPeer.start("govolume", List.of(GoPrograms.goVolume().toString(),
        "--socket", socket.toString(), "--root", tmp.resolve("go-volumes").toString()), Map.of());
    peers.add(peer);
    peer.awaitSocket(socket, START);
    return peer.pid();
  }

  private void startManaged() {
    ManagedPlugins managed = host.managed().orElseThrow();
    managed.create("soak-managed", ManagedPackages.goPlugin().writeDir(tmp.resolve("pkg")));
    managed.enable("soak-managed", Duration.ZERO);
    PluginProcesses.under(List.of(tmp.path())).stream().findFirst()
        .ifPresent(p -> processes.put("managed plugin", p.pid()));
  }

  /** A volume driver (govolume, goplugin): {@code VolumeDriver.Get} of a volume made here. */
  private SoakTarget volumeTarget(String name, String kind, int weight) {
    PluginClient client = host.get(name, "VolumeDriver").client();
    client.call("VolumeDriver.Create", Map.of("Name", "v1"), JsonNode.class);
    Map<String, String> get = Map.of("Name", "v1");
    return new SoakTarget(name, kind, weight, (caller, seq) -> {
      JsonNode reply = client.call("VolumeDriver.Get", get, JsonNode.class);
      check(reply.at("/Volume/Name").asText().equals("v1"), reply);
    });
  }

  private static void writeJar(Path dir) {
    PluginJarBuilder.create().classPath(PluginJarBuilder.classPathOf(PluginInit.class))
        .apiVersion("1.0")
        .source("soak.Init", "package soak;\nimport dev.hangar.api.*;\nimport java.util.*;\n"
            + "public final class Init implements PluginInit {\n"
            + "  public Loaded init(Map<String, String> options) {\n"
            + "    return new Loaded((java.util.function.Function<String, String>)\n"
            + "        s -> new StringBuilder(s).reverse().toString(),\n"
            + "        Map.of(\"type\", \"soak\", \"name\", \"reverse\"));\n  }\n}\n")
        .pluginInit("soak.Init").writeTo(dir.resolve("hangar-soak-plugin-reverse.jar"));
  }

  @SuppressWarnings("unchecked")
  private SoakTarget jarTarget() {
    Function<String, String> reverse =
        host.jar("soak", "reverse", Function.class).orElseThrow();
    return new SoakTarget("soak/reverse", "jar", JAR, (caller, seq) -> {
      String reply = reverse.apply(caller + ":" + seq);
      check(reply.equals(new StringBuilder(caller + ":" + seq).reverse().toString()), reply);
    });
  }

  /** {@code soaksh}, a shell script, and {@code soakgo}, core0's Go test plugin. */
  private static void writeExec(Path dir) throws IOException {
    Path sh = dir.resolve("soaksh.sh");
    Files.writeString(sh, "#!/bin/sh\nprintf '20::%s\\n' \"$2\"\n");
    Files.setPosixFilePermissions(sh, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.copy(Core0Plugins.testPlugin(), dir.resolve("soakgo"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(dir.resolve("soak.plugin.toml"),
        "[plugin.soaksh]\npath = \"soaksh.sh\"\nexports = [\"echo\"]\n\n"
            + "[plugin.soakgo]\npath = \"soakgo\"\nexports = [\"echo\"]\n");
  }

  private SoakTarget execTarget(String domain) {
    return new SoakTarget(domain, "exec", EXEC, (caller, seq) -> {
      ExecResult r = host.exec(domain + ".echo", "{\"Caller\":" + caller + ",\"Seq\":" + seq + "}");
      check(r instanceof ExecResult.Json(JsonNode v) && v.path("Seq").asLong() == seq
          && v.path("Caller").asInt() == caller, r);
    });
  }

  private static void check(boolean right, Object reply) {
    if (!right) {
      throw new SoakTarget.WrongReply("wrong reply: " + reply);
    }
  }

  /** The plugins, each with its weight and its call. */
  List<SoakTarget> targets() {
    return List.copyOf(targets);
  }

  /** The processes to sample, by role: this JVM (the host) first, then the plugin processes. */
  Map<String, Long> processes() {
    return java.util.Collections.unmodifiableMap(processes);
  }

  /** The host's metrics. */
  HangarMetrics metrics() {
    return metrics;
  }

  /** Why the managed plugin was left out, or empty when it takes part. */
  Optional<String> managedLeftOut() {
    return managedMissing;
  }

  @Override
  public void close() throws Exception {
    try {
      if (host != null) {
        host.close();
      }
    } finally {
      for (AutoCloseable p : peers.reversed()) {
        p.close();
      }
      tmp.close();
    }
  }
}
