package dev.hangar.examples.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OvsPluginTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void versionIsCore0sExampleAnswer() {
    assertThat(run("version", "{}")).isZero();
    assertThat(stdout()).isEqualTo("20:::\"1.0alpha\"\n:::");
  }

  @Test
  void bridgeAddReturnsTheBridgeAndTheCommandItWouldRun() {
    assertThat(run("bridge-add", "{\"name\":\"br0\",\"vlan\":10}")).isZero();
    assertThat(stdout()).isEqualTo(
        "11::dry run: ovs-vsctl add-br br0 -- set port br0 tag=10\n"
            + "20:::{\"name\":\"br0\",\"vlan\":10,\"command\":"
            + "[\"ovs-vsctl\",\"add-br\",\"br0\",\"--\",\"set\",\"port\",\"br0\",\"tag=10\"]}\n:::");
  }

  @Test
  void bridgeAddWithoutVlanAddsNoTag() {
    assertThat(run("bridge-add", "{\"name\":\"br-int\"}")).isZero();
    assertThat(stdout()).endsWith("20:::{\"name\":\"br-int\",\"vlan\":null,\"command\":"
        + "[\"ovs-vsctl\",\"add-br\",\"br-int\"]}\n:::");
  }

  @Test
  void bridgeAddRefusesBadArgumentsWithAClearError() {
    assertThat(run("bridge-add", "{\"vlan\":10}")).isEqualTo(1);
    assertThat(stdout()).isEqualTo(
        "20:::\"bridge-add: \\\"name\\\" is required, e.g. {\\\"name\\\": \\\"br0\\\"}\"\n:::");
    out.reset();
    assertThat(run("bridge-add", "{\"name\":\"br0\",\"vlan\":4095}")).isEqualTo(1);
    assertThat(stdout()).contains("\\\"vlan\\\" must be between 1 and 4094, not 4095");
    out.reset();
    assertThat(run("bridge-add", "{\"name\":\"this-name-is-too-long\"}")).isEqualTo(1);
    assertThat(stdout()).contains("must be 1 to 15 characters");
    out.reset();
    assertThat(run("bridge-add")).isEqualTo(1);
    assertThat(stdout()).isEqualTo(
        "20:::\"bridge-add needs arguments, e.g. {\\\"name\\\": \\\"br0\\\"}\"\n:::");
    out.reset();
    assertThat(run("bridge-add", "{\"name\":\"br0\",\"tag\":1}")).isEqualTo(1);
    assertThat(stdout()).startsWith("20:::\"invalid arguments for bridge-add: ").contains("tag");
    assertThat(err.size()).isZero();
  }

  private int run(String... args) {
    return OvsPlugin.plugin().run(args, out, new PrintStream(err), false);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
