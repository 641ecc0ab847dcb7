package dev.hangar.managed.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.PluginConfig;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message {@link ConfigJson#parse} refuses a config with, shape and value checks. */
class ConfigRulesTest {
  private static final String BASE = """
      {"Entrypoint": ["/bin/p"],
       "Interface": {"Socket": "p.sock", "Types": ["docker.volumedriver/1.0"]}}""";

  /** The base config with the member at the dotted {@code path} set to {@code json}. */
  static byte[] with(String path, String json) {
    try {
      ObjectNode o = (ObjectNode) Json.MAPPER.readTree(BASE);
      String[] parts = path.split("\\.");
      ObjectNode at = o;
      for (int i = 0; i < parts.length - 1; i++) {
        at = at.has(parts[i]) ? (ObjectNode) at.get(parts[i]) : at.putObject(parts[i]);
      }
      at.set(parts[parts.length - 1], Json.MAPPER.readTree(json));
      return Json.MAPPER.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> refused() {
    String long65 = "s".repeat(65);
    String e33 = "é".repeat(33);
    return Stream.of(
        // JSON and top level
        Arguments.of("{".getBytes(StandardCharsets.UTF_8), "config.json: not JSON: "),
        Arguments.of("{} {}".getBytes(StandardCharsets.UTF_8), "config.json: not JSON: "),
        Arguments.of(new byte[0], "config.json: not JSON: no content"),
        Arguments.of(new byte[] {'"', (byte) 0xff, '"'}, "config.json: not JSON: "),
        Arguments.of("[]".getBytes(StandardCharsets.UTF_8),
            "config.json: expected an object at the top level, got an array"),
        Arguments.of("null".getBytes(StandardCharsets.UTF_8),
            "config.json: expected an object at the top level, got null"),
        // types
        Arguments.of(with("Interface.Types", "[\"docker.authz/1.0\", \"docker.volumedriver\"]"),
            "config.json: Interface.Types[1]: \"docker.volumedriver\" has no /<version>"),
        Arguments.of(with("Interface.Types", "[\"volumedriver/1.0\"]"),
            "config.json: Interface.Types[0]: \"volumedriver/1.0\" has no <prefix>. before the"
                + " capability"),
        Arguments.of(with("Interface.Types", "[\"docker./1.0\"]"),
            "config.json: Interface.Types[0]: \"docker./1.0\" is not"
                + " <prefix>.<capability>/<version> with every part non-empty"),
        Arguments.of(with("Interface.Types", "[null]"),
            "config.json: Interface.Types[0]: \"\" has no /<version>"),
        Arguments.of(with("Interface.Types", "[7]"),
            "config.json: Interface.Types[0]: expected a string, got a number"),
        Arguments.of(with("Interface.Types", "\"docker.volumedriver/1.0\""),
            "config.json: Interface.Types: expected an array or null, got a string"),
        // interface
        Arguments.of(with("Interface.ProtocolScheme", "\"x\""),
            "config.json: Interface.ProtocolScheme: unknown protocol scheme \"x\""),
        Arguments.of(with("Interface.ProtocolScheme", "\"moby.plugins.http/v2\""),
            "config.json: Interface.ProtocolScheme: unknown protocol scheme"
                + " \"moby.plugins.http/v2\""),
        Arguments.of(with("Interface.Socket", "\"\""), "config.json: Interface.Socket: required"),
        Arguments.of(with("Interface.Socket", "null"), "config.json: Interface.Socket: required"),
        Arguments.of(with("Interface", "{}"), "config.json: Interface.Socket: required"),
        Arguments.of(with("Interface", "[]"),
            "config.json: Interface: expected an object, got an array"),
        Arguments.of(with("Interface.Socket", "\"run/p.sock\""),
            "config.json: Interface.Socket: \"run/p.sock\" is not a plain file name"),
        Arguments.of(with("Interface.Socket", "\".\""),
            "config.json: Interface.Socket: \".\" is not a plain file name"),
        Arguments.of(with("Interface.Socket", "\"..\""),
            "config.json: Interface.Socket: \"..\" is not a plain file name"),
        Arguments.of(with("Interface.Socket", "\"a\\u0000b\""),
            "config.json: Interface.Socket: \"a\\x00b\" is not a plain file name"),
        Arguments.of(with("Interface.Socket", "\"" + long65 + "\""),
            "config.json: Interface.Socket: \"" + long65 + "\" is longer than 64 bytes"),
        Arguments.of(with("Interface.Socket", "\"" + e33 + "\""),
            "config.json: Interface.Socket: \"" + e33 + "\" is longer than 64 bytes"),
        // entrypoint, paths
        Arguments.of(with("Entrypoint", "null"),
            "config.json: Entrypoint: required, a list whose first element is the program"),
        Arguments.of(with("Entrypoint", "[]"),
            "config.json: Entrypoint: required, a list whose first element is the program"),
        Arguments.of(with("Entrypoint", "[\"\", \"x\"]"),
            "config.json: Entrypoint[0]: must not be empty"),
        Arguments.of(with("Entrypoint", "\"/bin/p\""),
            "config.json: Entrypoint: expected an array or null, got a string"),
        Arguments.of(with("WorkDir", "\"work\""),
            "config.json: WorkDir: \"work\" is not an absolute path"),
        Arguments.of(with("Mounts", "[{\"Destination\": \"/ok\"}, {\"Destination\": \"rel\"}]"),
            "config.json: Mounts[1].Destination: \"rel\" is not an absolute path"),
        Arguments.of(with("Mounts", "[{}]"),
            "config.json: Mounts[0].Destination: \"\" is not an absolute path"),
        Arguments.of(with("PropagatedMount", "\"data\""),
            "config.json: PropagatedMount: \"data\" is not an absolute path"),
        // capabilities, env
        Arguments.of(with("Linux.Capabilities", "[\"CAP_SYS_ADMIN\", \"SYS_ADMIN\"]"),
            "config.json: Linux.Capabilities[1]: \"SYS_ADMIN\" does not match CAP_[A-Z0-9_]+"),
        Arguments.of(with("Linux.Capabilities", "[\"cap_sys_admin\"]"),
            "config.json: Linux.Capabilities[0]: \"cap_sys_admin\" does not match"
                + " CAP_[A-Z0-9_]+"),
        Arguments.of(with("Linux.Capabilities", "[\"CAP_\"]"),
            "config.json: Linux.Capabilities[0]: \"CAP_\" does not match CAP_[A-Z0-9_]+"),
        Arguments.of(with("Env", "[{\"Name\": \"\"}]"),
            "config.json: Env[0].Name: must not be empty"),
        Arguments.of(with("Env", "[{\"Name\": \"A=B\"}]"),
            "config.json: Env[0].Name: \"A=B\" must not contain \"=\""),
        // settable
        Arguments.of(with("Env", "[{\"Name\": \"A\", \"Settable\": [\"value\", \"source\"]}]"),
            "config.json: Env[0].Settable[1]: \"source\" is not a settable field of an env"
                + " entry (only \"value\")"),
        Arguments.of(with("Mounts", "[{\"Destination\": \"/m\", \"Settable\": [\"value\"]}]"),
            "config.json: Mounts[0].Settable[0]: \"value\" is not a settable field of a mount"
                + " (only \"source\")"),
        Arguments.of(with("Linux.Devices", "[{\"Settable\": [\"source\"]}]"),
            "config.json: Linux.Devices[0].Settable[0]: \"source\" is not a settable field of a"
                + " device (only \"path\")"),
        Arguments.of(with("Args", "{\"Settable\": [\"path\"]}"),
            "config.json: Args.Settable[0]: \"path\" is not a settable field of args"
                + " (only \"value\")"),
        // wrong JSON types
        Arguments.of(with("Mounts", "[{\"Destination\": \"/m\", \"Source\": 1}]"),
            "config.json: Mounts[0].Source: expected a string or null, got a number"),
        Arguments.of(with("Env", "[{\"Name\": \"A\", \"Value\": {}}]"),
            "config.json: Env[0].Value: expected a string or null, got an object"),
        Arguments.of(with("Linux.Devices", "[{\"Path\": false}]"),
            "config.json: Linux.Devices[0].Path: expected a string or null, got a boolean"),
        Arguments.of(with("Linux.Devices", "[\"/dev/fuse\"]"),
            "config.json: Linux.Devices[0]: expected an object, got a string"),
        Arguments.of(with("Description", "true"),
            "config.json: Description: expected a string, got a boolean"),
        Arguments.of(with("Mounts", "{}"),
            "config.json: Mounts: expected an array or null, got an object"),
        Arguments.of(with("PidHost", "\"true\""),
            "config.json: PidHost: expected a boolean, got a string"),
        Arguments.of(with("Linux.AllowAllDevices", "1"),
            "config.json: Linux.AllowAllDevices: expected a boolean, got a number"),
        Arguments.of(with("User.UID", "-1"),
            "config.json: User.UID: expected an integer from 0 to 2147483647, got -1"),
        Arguments.of(with("User.GID", "1.5"),
            "config.json: User.GID: expected an integer from 0 to 2147483647, got 1.5"),
        Arguments.of(with("User.GID", "4294967295"),
            "config.json: User.GID: expected an integer from 0 to 2147483647, got 4294967295"),
        Arguments.of(with("User.UID", "\"1000\""),
            "config.json: User.UID: expected an integer from 0 to 2147483647, got a string"),
        Arguments.of(with("Network", "\"host\""),
            "config.json: Network: expected an object, got a string"),
        Arguments.of(with("Args.Value", "\"a b\""),
            "config.json: Args.Value: expected an array or null, got a string"),
        Arguments.of(with("Mounts", "[{\"Destination\": \"/m\", \"Options\": [[]]}]"),
            "config.json: Mounts[0].Options[0]: expected a string, got an array"),
        Arguments.of(with("rootfs", "[]"), "config.json: rootfs: expected an object, got an array"),
        Arguments.of(with("rootfs", "{\"diff_ids\": [1]}"),
            "config.json: rootfs.diff_ids[0]: expected a string, got a number"));
  }

  @ParameterizedTest
  @MethodSource
  void refused(byte[] json, String message) {
    assertThatThrownBy(() -> ConfigJson.parse(json, "config.json"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_INVALID))
        .satisfies(e -> {
          if (message.endsWith(": ")) {
            assertThat(e).hasMessageStartingWith(message);
          } else {
            assertThat(e).hasMessage(message);
          }
        });
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of(with("Interface.Socket", "\"" + "s".repeat(64) + "\"")),
        Arguments.of(with("Interface.ProtocolScheme", "\"moby.plugins.http/v1\"")),
        Arguments.of(with("Interface.ProtocolScheme", "\"\"")),
        Arguments.of(with("Interface.Types", "[]")),
        Arguments.of(with("Network.Type", "\"anything at all\"")),
        Arguments.of(with("WorkDir", "\"/\"")),
        Arguments.of(with("User.UID", "2147483647")),
        Arguments.of(with("Linux.Capabilities", "[\"CAP_SYS_ADMIN\", \"CAP_2\"]")),
        Arguments.of(with("Env", "[{\"Name\": \"A\", \"Settable\": [\"value\", \"value\"]}]")),
        Arguments.of(with("Entrypoint", "[\"p\"]")));
  }

  @ParameterizedTest
  @MethodSource
  void accepted(byte[] json) {
    assertThat(ConfigJson.parse(json, "config.json")).isInstanceOf(PluginConfig.class);
  }
}
