package dev.hangar.managed.internal.config;

import static dev.hangar.managed.internal.config.ConfigJsonTest.write;
import static dev.hangar.managed.internal.config.ConfigRulesTest.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.Privilege;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrivilegesTest {
  private static List<Privilege> of(String path, String json) {
    return Privileges.compute(ConfigJson.parse(with(path, json), "config.json"));
  }

  static Stream<Arguments> eachKind() {
    return Stream.of(
        Arguments.of("Network.Type", "\"host\"", List.of(
            new Privilege("network", "permissions to access a network", List.of("host")))),
        Arguments.of("Network.Type", "\"none\"", List.of(
            new Privilege("network", "permissions to access a network", List.of("none")))),
        Arguments.of("IpcHost", "true", List.of(new Privilege("host ipc namespace",
            "allow access to host ipc namespace", List.of("true")))),
        Arguments.of("PidHost", "true", List.of(new Privilege("host pid namespace",
            "allow access to host pid namespace", List.of("true")))),
        Arguments.of("Mounts", "[{\"Destination\": \"/a\", \"Source\": \"/x\"},"
            + " {\"Destination\": \"/b\"}, {\"Destination\": \"/c\", \"Source\": \"\"}]", List.of(
                new Privilege("mount", "host path to mount", List.of("/x")),
                new Privilege("mount", "host path to mount", List.of("")))),
        Arguments.of("Linux.Devices", "[{\"Path\": \"/dev/fuse\"}, {\"Name\": \"none\"}]",
            List.of(new Privilege("device", "host device to access", List.of("/dev/fuse")))),
        Arguments.of("Linux.AllowAllDevices", "true", List.of(new Privilege("allow-all-devices",
            "allow 'rwm' access to all devices", List.of("true")))),
        Arguments.of("Linux.Capabilities", "[\"CAP_SYS_ADMIN\", \"CAP_NET_ADMIN\"]", List.of(
            new Privilege("capabilities", "list of additional capabilities required",
                List.of("CAP_SYS_ADMIN", "CAP_NET_ADMIN")))));
  }

  @ParameterizedTest
  @MethodSource
  void eachKind(String path, String json, List<Privilege> expected) {
    assertThat(of(path, json)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\"", "\"null\"", "\"bridge\"", "null"})
  void networksThatAskForNothing(String type) {
    assertThat(of("Network.Type", type)).isEmpty();
  }

  @Test
  void aPlainConfigAsksForNothing() {
    assertThat(of("Description", "\"plain\"")).isEmpty();
    assertThat(write(Privileges.toJson(List.of()))).isEqualTo("[]");
  }

  @Test
  void allKindsComeInDockersOrder() {
    PluginConfig c = ConfigJson.parse(ConfigJsonTest.resource("mixed-case.json"), "c");
    assertThat(Privileges.compute(c)).extracting(Privilege::name).containsExactly(
        "network", "host ipc namespace", "host pid namespace", "mount", "device",
        "allow-all-devices", "capabilities");
    assertThat(write(Privileges.toJson(Privileges.compute(c)))).isEqualTo("["
        + "{\"Name\":\"network\",\"Description\":\"permissions to access a network\","
        + "\"Value\":[\"none\"]},"
        + "{\"Name\":\"host ipc namespace\",\"Description\":\"allow access to host ipc"
        + " namespace\",\"Value\":[\"true\"]},"
        + "{\"Name\":\"host pid namespace\",\"Description\":\"allow access to host pid"
        + " namespace\",\"Value\":[\"true\"]},"
        + "{\"Name\":\"mount\",\"Description\":\"host path to mount\","
        + "\"Value\":[\"/var/lib/mixed\"]},"
        + "{\"Name\":\"device\",\"Description\":\"host device to access\","
        + "\"Value\":[\"/dev/fuse\"]},"
        + "{\"Name\":\"allow-all-devices\",\"Description\":\"allow 'rwm' access to all"
        + " devices\",\"Value\":[\"true\"]},"
        + "{\"Name\":\"capabilities\",\"Description\":\"list of additional capabilities"
        + " required\",\"Value\":[\"CAP_SYS_ADMIN\",\"CAP_NET_ADMIN\"]}]");
  }
}
