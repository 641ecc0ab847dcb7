package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Docker's Go Engine API client (moby 20.10's {@code github.com/docker/docker/client}, run as
 * {@code engineclient}) driving {@code hangar daemon} through every managed-plugin operation:
 * the results and the exact error texts of each call, and no plugin process left afterwards.
 * Needs root, runc and Go with moby's sources; skipped without them unless {@code CI} is set.
 */
class GoEngineClientTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration RUN = Duration.ofMinutes(5);

  private ShortTempDir tmp;
  private HangarDaemon daemon;

  @BeforeEach
  void startDaemon() {
    GoPluginRuncTest.assumeRuncAsRoot();
    GoPrograms.build();
    tmp = new ShortTempDir();
    daemon = HangarDaemon.start(tmp.resolve("root"), Optional.of(tmp.resolve("rt")));
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
  void theGoEngineClientCreatesListsSetsEnablesDisablesAndRemovesAPlugin() {
    // In the host's network namespace, so that engineclient sees the plugin's connect of the
    // call that holds it in use (see engineclient/inuse.go).
    Path pkg = ManagedPackages.goPlugin().network("host").writeDir(tmp.resolve("pkg"));
    Command.Result r = engineClient("-dir", pkg.toString(), "-name", "gp", "-in-use");
    JsonNode report = report(r);
    Map<String, JsonNode> steps = steps(report);
    assertThat(r.exitCode()).as("failed steps %s\n%s", failed(report), r.describe()).isZero();
    assertThat(report.get("ok").asBoolean()).isTrue();
    assertThat(steps.keySet()).as(r.describe()).containsExactly(
        "NewClientWithOpts", "filepath.Abs", "Ping", "ServerVersion", "ClientVersion",
        "PluginList before create", "archive.TarWithOptions", "PluginCreate",
        "PluginCreate of an existing name",
        "PluginInspectWithRaw (disabled)", "PluginInspectWithRaw by ID",
        "PluginInspectWithRaw by ID prefix", "PluginList (disabled)",
        "PluginList enabled=true (disabled)", "PluginList enabled=false (disabled)",
        "PluginList capability=volumedriver (disabled)", "PluginList capability=authz (disabled)",
        "PluginSet DEBUG=1", "PluginInspectWithRaw after set", "PluginSet of an unknown setting",
        "PluginDisable of a disabled plugin", "PluginEnable",
        "PluginInspectWithRaw (enabled)", "PluginList (enabled)",
        "PluginList enabled=true (enabled)", "PluginList enabled=false (enabled)",
        "PluginList capability=volumedriver (enabled)", "PluginList capability=authz (enabled)",
        "Info (enabled)", "PluginEnable of an enabled plugin", "PluginSet while enabled",
        "PluginRemove while enabled", "in-use: listener with a full accept queue",
        "in-use: Probe.Dial under way (SYN_SENT in /proc/net/tcp)", "PluginDisable while in use",
        "PluginRemove while in use", "in-use: Probe.Dial ended", "PluginDisable force",
        "PluginInspectWithRaw after disable", "Info (disabled)", "PluginRemove",
        "PluginList after remove", "PluginInspectWithRaw of a missing plugin",
        "PluginEnable of a missing plugin", "PluginRemove of a missing plugin",
        "PluginList with an unknown filter");

    assertThat(steps.get("Ping").at("/result/APIVersion").asText()).isEqualTo("1.41");
    assertThat(steps.get("Ping").at("/result/OSType").asText()).isEqualTo("linux");
    assertThat(steps.get("ServerVersion").at("/result/Os").asText()).isEqualTo("linux");
    assertThat(report.get("apiVersion").asText()).isEqualTo("1.41");

    JsonNode inspected = steps.get("PluginInspectWithRaw (disabled)").get("result");
    String id = inspected.get("Id").asText();
    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(inspected.get("Name").asText()).isEqualTo("gp:latest");
    assertThat(inspected.get("Socket").asText()).isEqualTo("gp.sock");
    assertThat(inspected.get("Env").toString()).isEqualTo("[\"DEBUG=0\"]");
    assertThat(steps.get("PluginInspectWithRaw by ID prefix").at("/result/Id").asText())
        .isEqualTo(id);
    assertThat(steps.get("PluginList (disabled)").get("result").toString())
        .isEqualTo("[{\"Name\":\"gp:latest\",\"Enabled\":false}]");
    assertThat(steps.get("PluginList enabled=true (disabled)").get("result").toString())
        .isEqualTo("[]");
    assertThat(steps.get("PluginList enabled=true (enabled)").get("result").toString())
        .isEqualTo("[{\"Name\":\"gp:latest\",\"Enabled\":true}]");
    assertThat(steps.get("PluginList capability=volumedriver (enabled)").get("result").toString())
        .isEqualTo("[{\"Name\":\"gp:latest\",\"Enabled\":true}]");
    assertThat(steps.get("PluginList capability=authz (enabled)").get("result").toString())
        .isEqualTo("[]");
    assertThat(steps.get("PluginInspectWithRaw after set").get("result").toString())
        .isEqualTo("[\"DEBUG=1\"]");
    assertThat(steps.get("Info (enabled)").at("/result/Volume").toString())
        .isEqualTo("[\"gp:latest\"]");
    assertThat(steps.get("Info (disabled)").at("/result/Volume").toString()).isEqualTo("[]");
    assertThat(steps.get("in-use: Probe.Dial ended").get("result").asText())
        .as("the plugin answered the call that held it").contains("\"Connected\":false");
    assertThat(steps.get("PluginList after remove").get("result").toString()).isEqualTo("[]");

    String daemonSays = "Error response from daemon: ";
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put("PluginCreate of an existing name", daemonSays + "plugin gp:latest already exists");
    errors.put("PluginSet of an unknown setting",
        daemonSays + "setting \"NOPE\" not found in the plugin configuration");
    errors.put("PluginDisable of a disabled plugin",
        daemonSays + "plugin is already disabled: plugin gp:latest found but disabled");
    errors.put("PluginEnable of an enabled plugin",
        daemonSays + "plugin already enabled: plugin gp:latest is enabled");
    errors.put("PluginSet while enabled",
        daemonSays + "cannot set on an active plugin, disable plugin before setting");
    errors.put("PluginRemove while enabled", daemonSays + "plugin gp:latest is enabled");
    errors.put("PluginDisable while in use", daemonSays + "plugin gp:latest is in use");
    errors.put("PluginRemove while in use", daemonSays + "plugin gp:latest is in use");
    // The 20.10 client makes its own text of a 404 from inspect and remove.
    errors.put("PluginInspectWithRaw of a missing plugin", "Error: No such plugin: gp");
    errors.put("PluginEnable of a missing plugin", daemonSays + "plugin \"gp\" not found");
    errors.put("PluginRemove of a missing plugin", "Error: No such plugin: gp");
    errors.put("PluginList with an unknown filter", daemonSays + "invalid filter 'nope'");
    errors.forEach((call, text) -> assertThat(steps.get(call).path("error").asText())
        .as(call).isEqualTo(text));
    // The class the client made of the status: 409 Conflict, 404 NotFound, 500 System, 400.
    assertThat(steps.get("PluginRemove while in use").get("result").asText())
        .isEqualTo("Conflict");
    assertThat(steps.get("PluginEnable of a missing plugin").get("result").asText())
        .isEqualTo("IsErrNotFound");
    assertThat(steps.get("PluginSet while enabled").get("result").asText()).isEqualTo("System");
    assertThat(steps.get("PluginList with an unknown filter").get("result").asText())
        .isEqualTo("InvalidParameter");

    assertThat(daemon.pluginTexts()).as("plugin processes left after the run").isEmpty();
  }

  @Test
  void theGoEngineClientReportsAFailedCreateAndExitsOne() {
    Path bad = ManagedPackages.goPlugin().withoutRootfs().writeDir(tmp.resolve("bad"));
    Command.Result r = engineClient("-dir", bad.toString(), "-name", "bad");
    JsonNode report = report(r);
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(report.get("ok").asBoolean()).isFalse();
    JsonNode create = steps(report).get("PluginCreate");
    assertThat(create.get("ok").asBoolean()).isFalse();
    assertThat(create.get("error").asText()).startsWith("Error response from daemon: ")
        .contains("no rootfs found");
    assertThat(steps(report).keySet()).as("nothing runs after a failed create")
        .endsWith("PluginCreate");
    assertThat(ManagedDockerCliTest.ok(daemon.cli("plugin", "ls", "--format", "json")).stdout())
        .as("no managed plugin is left").doesNotContain("bad");
  }

  private Command.Result engineClient(String... args) {
    List<String> command = new ArrayList<>(
        List.of(GoPrograms.engineClient().toString(), "-host", daemon.host()));
    command.addAll(List.of(args));
    return Command.run(command, tmp.path(), Map.of(), RUN);
  }

  /** The report engineclient printed. */
  private static JsonNode report(Command.Result r) {
    try {
      return JSON.readTree(r.stdout());
    } catch (IOException e) {
      throw new AssertionError("no JSON report: " + r.describe(), e);
    }
  }

  /** The report's steps by call, in order. */
  private static Map<String, JsonNode> steps(JsonNode report) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    report.get("steps").forEach(s -> out.put(s.get("call").asText(), s));
    return out;
  }

  /** The steps that failed, for messages. */
  private static List<String> failed(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("steps").forEach(s -> {
      if (!s.get("ok").asBoolean()) {
        out.add(s.toString());
      }
    });
    return out;
  }
}
