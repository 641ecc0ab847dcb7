package dev.hangar.managed.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedState;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.managed.PluginType;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading and writing Docker's plugin JSON. The {@code *.golden.json} resources are what Go's
 * {@code encoding/json} printed (an Encoder with HTML escaping off, as the Engine API's, output
 * trimmed of its newline) after {@code json.Unmarshal} of the matching {@code *.json} into
 * Debian's moby 20.10 {@code types.PluginConfig} or {@code types.Plugin}; for these inputs that
 * is also moby master's output (master only drops {@code DockerVersion}, which none has).
 */
class ConfigJsonTest {
  static byte[] resource(String name) {
    try (InputStream in = ConfigJsonTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(resource(name), StandardCharsets.UTF_8);
  }

  static String write(JsonNode n) {
    try {
      return Json.MAPPER.writeValueAsString(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PluginConfig parse(String json) {
    return ConfigJson.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
  }

  @Test
  void readsTheReferenceExample() {
    PluginConfig c = ConfigJson.parse(resource("reference-example.json"), "config.json");
    assertThat(c.description()).isEqualTo("…");
    assertThat(c.documentation()).isEqualTo("https://…");
    assertThat(c.iface()).isEqualTo(new PluginConfig.Interface(
        List.of(new PluginType("docker", "volumedriver", "1.0")), "plugin.sock",
        "moby.plugins.http/v1"));
    assertThat(c.entrypoint()).containsExactly("/bin/plugin", "--flag");
    assertThat(c.workDir()).isEqualTo("/");
    assertThat(c.user()).isEqualTo(new PluginConfig.User(Optional.of(1000), Optional.of(1000)));
    assertThat(c.network().type()).isEqualTo("host");
    assertThat(c.mounts()).containsExactly(new PluginConfig.Mount("state", "…",
        List.of("source"), Optional.of("/var/lib/x"), "/state", "bind", List.of("rbind", "rw")));
    assertThat(c.env()).containsExactly(
        new PluginConfig.Env("DEBUG", "…", List.of("value"), Optional.of("0")));
    assertThat(c.args()).isEqualTo(
        new PluginConfig.Args("args", "…", List.of("value"), List.of("a", "b")));
    assertThat(c.linux()).isEqualTo(new PluginConfig.Linux(List.of("CAP_SYS_ADMIN"), false,
        List.of(new PluginConfig.Device("fuse", "…", List.of("path"),
            Optional.of("/dev/fuse")))));
    assertThat(c.propagatedMount()).isEqualTo("/data");
    assertThat(c.pidHost()).isFalse();
    assertThat(c.ipcHost()).isFalse();
    assertThat(c.rootfs()).contains(new PluginConfig.Rootfs("layers", List.of("sha256:…")));
  }

  @Test
  void readsTheSampleVolumePluginOfDockersDocs() {
    PluginConfig c = ConfigJson.parse(resource("sample-volume-plugin.json"), "config.json");
    assertThat(c.description()).isEqualTo("A sample volume plugin for Docker");
    assertThat(c.entrypoint()).containsExactly("/usr/bin/sample-volume-plugin", "/data");
    assertThat(c.iface().types()).containsExactly(PluginType.parse("docker.volumedriver/1.0"));
    assertThat(c.iface().protocolScheme()).isEmpty();
    assertThat(c.protocol()).isEqualTo(PluginConfig.PROTOCOL_HTTP_V1);
    assertThat(c.args()).isEqualTo(new PluginConfig.Args("", "", List.of(), List.of()));
    assertThat(c.env()).containsExactly(
        new PluginConfig.Env("DEBUG", "", List.of("value"), Optional.of("0")));
    assertThat(c.linux()).isEqualTo(new PluginConfig.Linux(List.of(), false, List.of()));
    assertThat(c.mounts()).isEmpty();
    assertThat(c.user()).isEqualTo(new PluginConfig.User(Optional.empty(), Optional.empty()));
    assertThat(c.workDir()).as("\"Workdir\" is WorkDir").isEmpty();
    assertThat(c.propagatedMount()).isEqualTo("/data");
    assertThat(c.rootfs()).isEmpty();
  }

  @Test
  void matchesKeysInAnyCaseAndIgnoresUnknownOnes() {
    PluginConfig c = ConfigJson.parse(resource("mixed-case.json"), "config.json");
    assertThat(c.description()).isEqualTo("Mixed <case> & keys");
    assertThat(c.documentation()).isEqualTo("https://example.com/?a=1&b=2");
    assertThat(c.iface().types()).extracting(PluginType::toString)
        .containsExactly("docker.volumedriver/1.0", "docker.authz/1.0");
    assertThat(c.iface().socket()).isEqualTo("mixed.sock");
    assertThat(c.entrypoint()).containsExactly("/bin/mixed", "--debug");
    assertThat(c.workDir()).isEqualTo("/work");
    assertThat(c.user()).as("a zero id is Go's unset")
        .isEqualTo(new PluginConfig.User(Optional.empty(), Optional.of(7)));
    assertThat(c.network().type()).isEqualTo("none");
    assertThat(c.mounts()).extracting(PluginConfig.Mount::source)
        .containsExactly(Optional.of("/var/lib/mixed"), Optional.empty());
    assertThat(c.env()).extracting(PluginConfig.Env::value)
        .containsExactly(Optional.of("1"), Optional.empty());
    assertThat(c.linux().allowAllDevices()).isTrue();
    assertThat(c.linux().devices()).extracting(PluginConfig.Device::path)
        .containsExactly(Optional.of("/dev/fuse"), Optional.empty());
    assertThat(c.pidHost()).isTrue();
    assertThat(c.ipcHost()).isTrue();
    assertThat(c.propagatedMount()).isEqualTo("/mnt/volumes");
    assertThat(c.rootfs())
        .contains(new PluginConfig.Rootfs("layers", List.of("sha256:aaa", "sha256:bbb")));
  }

  @Test
  void theLastOfSeveralMatchingKeysWinsAsInGo() {
    PluginConfig c = parse("""
        {"Entrypoint": ["/a"], "entrypoint": ["/b"], "WORKDIR": "/x", "WorkDir": "/y",
         "Interface": {"Socket": "p.sock"}}""");
    assertThat(c.entrypoint()).containsExactly("/b");
    assertThat(c.workDir()).isEqualTo("/y");
  }

  @Test
  void nullReadsAsTheZeroValueEverywhere() {
    PluginConfig c = parse("""
        {"Description": null, "Documentation": null, "Entrypoint": ["/p", null],
         "Interface": {"Types": null, "Socket": "p.sock", "ProtocolScheme": null},
         "WorkDir": null, "User": null, "Network": null, "Mounts": null, "Env": null,
         "Args": null, "Linux": {"Capabilities": null, "AllowAllDevices": null,
         "Devices": [{"Name": null, "Path": null, "Settable": null}]},
         "PropagatedMount": null, "PidHost": null, "IpcHost": null, "rootfs": null}""");
    assertThat(c).isEqualTo(new PluginConfig("", "",
        new PluginConfig.Interface(List.of(), "p.sock", ""), List.of("/p", ""), "", null, null,
        List.of(), List.of(), null, new PluginConfig.Linux(List.of(), false,
            List.of(new PluginConfig.Device("", "", List.of(), Optional.empty()))),
        "", false, false, Optional.empty()));
  }

  @Test
  void anEmptyRootfsObjectIsPresent() {
    assertThat(parse("{\"Entrypoint\":[\"/p\"],\"Interface\":{\"Socket\":\"s\"},\"rootfs\":{}}")
        .rootfs()).contains(new PluginConfig.Rootfs("", List.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference-example", "sample-volume-plugin", "mixed-case"})
  void writesWhatGoWritesAfterReadingTheSameConfig(String name) {
    PluginConfig c = ConfigJson.parse(resource(name + ".json"), "config.json");
    String golden = text(name + ".golden.json");
    assertThat(write(ConfigJson.toJson(c))).isEqualTo(golden);
    PluginConfig again = ConfigJson.parse(golden.getBytes(StandardCharsets.UTF_8), "x");
    assertThat(again).isEqualTo(c);
    assertThat(write(ConfigJson.toJson(again))).isEqualTo(golden);
  }

  @Test
  void writesEmptyListsOfAConfigAsGoNilSlicesAndOmitsZeroIds() {
    PluginConfig c = parse("""
        {"Entrypoint": ["/p"], "Interface": {"Socket": "p.sock", "Types": []},
         "Mounts": [{"Destination": "/m", "Options": [], "Settable": []}], "Env": [],
         "User": {"UID": 0, "GID": 0}, "rootfs": {"diff_ids": []}}""");
    assertThat(write(ConfigJson.toJson(c))).isEqualTo("{\"Args\":{\"Description\":\"\","
        + "\"Name\":\"\",\"Settable\":null,\"Value\":null},\"Description\":\"\","
        + "\"Documentation\":\"\",\"Entrypoint\":[\"/p\"],\"Env\":null,"
        + "\"Interface\":{\"Socket\":\"p.sock\",\"Types\":null},\"IpcHost\":false,"
        + "\"Linux\":{\"AllowAllDevices\":false,\"Capabilities\":null,\"Devices\":null},"
        + "\"Mounts\":[{\"Description\":\"\",\"Destination\":\"/m\",\"Name\":\"\","
        + "\"Options\":null,\"Settable\":null,\"Source\":null,\"Type\":\"\"}],"
        + "\"Network\":{\"Type\":\"\"},\"PidHost\":false,\"PropagatedMount\":\"\","
        + "\"User\":{},\"WorkDir\":\"\",\"rootfs\":{\"diff_ids\":null}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plugin", "plugin-created"})
  void writesThePluginObjectAsTheEngineApiDoes(String name) throws IOException {
    JsonNode in = Json.MAPPER.readTree(resource(name + ".json"));
    PluginConfig c = ConfigJson.parse(Json.MAPPER.writeValueAsBytes(in.get("Config")), "c");
    PluginSettings s = ConfigJson.parseSettings(in.get("Settings"), "settings");
    String id = in.path("Id").asText("");
    ManagedPlugin p = new ManagedPlugin(id, in.get("Name").asText(),
        in.get("Enabled").asBoolean(), ManagedState.DISABLED, c, s,
        in.path("PluginReference").asText(""), Optional.empty(), Optional.empty(),
        Privileges.compute(c));
    assertThat(write(ConfigJson.pluginToJson(p))).isEqualTo(text(name + ".golden.json"));
  }

  @Test
  void settingsRoundTripAndEmptyListsAreArrays() {
    PluginConfig c = ConfigJson.parse(resource("reference-example.json"), "config.json");
    PluginSettings s = PluginSettings.initial(c);
    JsonNode n = ConfigJson.settingsToJson(s);
    assertThat(ConfigJson.parseSettings(n, "x")).isEqualTo(s);
    assertThat(write(ConfigJson.settingsToJson(new PluginSettings(null, null, null, null))))
        .isEqualTo("{\"Args\":[],\"Devices\":[],\"Env\":[],\"Mounts\":[]}");
    assertThat(ConfigJson.parseSettings(null, "x"))
        .isEqualTo(new PluginSettings(null, null, null, null));
    assertThat(ConfigJson.parseSettings(Json.MAPPER.nullNode(), "x"))
        .isEqualTo(new PluginSettings(null, null, null, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[]|state: expected an object, got an array",
      "{\"Env\":[1]}|state: Env[0]: expected a string, got a number",
      "{\"args\":{}}|state: Args: expected an array or null, got an object",
      "{\"Mounts\":[{\"Source\":1}]}|state: Mounts[0].Source: expected a string or null, got a"
          + " number",
      "{\"Devices\":[[]]}|state: Devices[0]: expected an object, got an array"})
  void settingsOfTheWrongShapeAreStateInvalid(String row) throws IOException {
    String[] r = row.split("\\|");
    JsonNode n = Json.MAPPER.readTree(r[0]);
    assertThatThrownBy(() -> ConfigJson.parseSettings(n, "state"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STATE_INVALID))
        .hasMessage(r[1]);
  }
}
