package dev.hangar.protocol.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hangar.protocol.PluginCallException;
import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.WireMethod;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Reply;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PluginProxyTest {
  record Named(@JsonProperty("Name") String name) {}

  record Volume(@JsonProperty("Name") String name, @JsonProperty("Mountpoint") String mountpoint) {}

  record ListReply(@JsonProperty("Volumes") List<Volume> volumes,
      @JsonProperty("Err") String err) {}

  @PluginInterface("VolumeDriver")
  interface Volumes {
    @WireMethod("VolumeDriver.Create")
    void create(Named request);

    @WireMethod(value = "VolumeDriver.List", idempotent = true)
    ListReply list();

    @WireMethod("VolumeDriver.Names")
    List<String> names(Map<String, Object> filter);

    @WireMethod("VolumeDriver.Logs")
    InputStream logs(Named request);

    default int count() {
      return list().volumes().size();
    }
  }

  @PluginInterface(value = "authz", errInBody = false)
  interface Authz {
    @WireMethod("AuthZPlugin.AuthZReq")
    ListReply req(Named r);
  }

  @PluginInterface("Bad")
  interface TwoParams {
    @WireMethod("Bad.Two")
    void two(String a, String b);
  }

  @PluginInterface("Bad")
  interface Unannotated {
    void plain();
  }

  interface NotAPlugin {
    @WireMethod("X.Y")
    void y();
  }

  Fixtures fx;
  RawPluginServer server;
  PluginClient client;

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures();
    server = fx.unix(r -> switch (r.target()) {
      case "/VolumeDriver.List" -> Fixtures.ok(
          "{\"Volumes\":[{\"Name\":\"a\",\"Mountpoint\":\"/a\"},{\"Name\":\"b\"}],\"Err\":\"\"}");
      case "/VolumeDriver.Names" -> Fixtures.ok("[\"a\",\"b\"]");
      case "/VolumeDriver.Create" -> Fixtures.ok("{\"Err\":\"exists\"}");
      case "/VolumeDriver.Logs" -> Fixtures.ok("line1\nline2\n");
      case "/AuthZPlugin.AuthZReq" -> Fixtures.ok("{\"Err\":\"ignored\"}");
      default -> Reply.text(404, "404 page not found\n");
    });
    client = fx.client(server);
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @Test
  void methodsCallTheirWireMethodAndDecodeGenericResults() throws Exception {
    Volumes v = client.proxy(Volumes.class);
    assertThat(v.list().volumes()).containsExactly(new Volume("a", "/a"), new Volume("b", null));
    assertThat(v.names(Map.of("All", true))).containsExactly("a", "b");
    assertThat(server.requests().get(0).body()).isEmpty();
    assertThat(server.requests().get(1).bodyText()).isEqualTo("{\"All\":true}\n");
    try (InputStream in = v.logs(new Named("x"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line1\nline2\n");
    }
  }

  @Test
  void errInBodyFollowsTheInterface() {
    Volumes v = client.proxy(Volumes.class);
    assertThatThrownBy(() -> v.create(new Named("x")))
        .isInstanceOf(PluginCallException.class)
        .hasMessage("plugin test-plugin: VolumeDriver.Create: exists");
    assertThat(server.requests().get(0).bodyText()).isEqualTo("{\"Name\":\"x\"}\n");
    assertThat(client.proxy(Authz.class).req(new Named("r")).err()).isEqualTo("ignored");
  }

  @Test
  void defaultMethodsAndObjectMethodsWork() {
    Volumes v = client.proxy(Volumes.class);
    assertThat(v.count()).isEqualTo(2);
    assertThat(v.toString()).contains("Volumes").contains("test-plugin");
    assertThat(v).isEqualTo(v).isNotEqualTo(client.proxy(Volumes.class));
    assertThat(v.hashCode()).isEqualTo(System.identityHashCode(v));
  }

  @Test
  void badInterfacesAreRejectedNamingTheMethod() {
    assertThatThrownBy(() -> client.proxy(TwoParams.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TwoParams.two");
    assertThatThrownBy(() -> client.proxy(Unannotated.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unannotated.plain");
    assertThatThrownBy(() -> client.proxy(NotAPlugin.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@PluginInterface");
    assertThatThrownBy(() -> client.proxy(String.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an interface");
  }
}
