package dev.hangar.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.daemon.client.DaemonAddress;
import dev.hangar.daemon.client.EngineClient;
import dev.hangar.daemon.client.ManagedStatus;
import dev.hangar.managed.ManagedState;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.ShortTempDir;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hangar's own client against the daemon: both sides of the contract in one test. */
@Timeout(60)
class EngineClientAgainstDaemonTest {
  private ShortTempDir tmp;
  private Daemon daemon;
  private EngineClient client;

  @BeforeEach
  void start() {
    tmp = new ShortTempDir();
    Path socket = tmp.resolve("api.sock");
    daemon = Daemon.start(DaemonHttpTest.options(tmp, socket));
    client = EngineClient.open(new DaemonAddress.Unix(socket, true), Optional.empty());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    daemon.close();
    tmp.close();
  }

  @Test
  void pingNegotiatesTheDaemonsVersion() {
    assertThat(client.ping().apiVersion()).contains("1.41");
  }

  @Test
  void theClientsCallsAreAnsweredInTheShapesItReads() throws Exception {
    byte[] tar = TestPackages.tar(TestPackages.inert(tmp.resolve("pkg")));
    client.create("team/vol:1.0", new ByteArrayInputStream(tar));
    JsonNode list = client.listPlugins(Map.of("enabled", List.of("false")));
    assertThat(list).hasSize(1);
    assertThat(client.inspect("team/vol:1.0").path("Name").asText()).isEqualTo("team/vol:1.0");
    assertThat(client.find("nope")).isEmpty();
    List<ManagedStatus> managed = client.listManaged();
    assertThat(managed).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("team/vol:1.0");
      assertThat(s.state()).isEqualTo(ManagedState.DISABLED);
    });
    assertThat(client.privileges("team/vol:1.0")).singleElement()
        .satisfies(p -> assertThat(p.value()).containsExactly("host"));
    client.set("team/vol:1.0", List.of("DEBUG=1"));
    assertThatThrownBy(() -> client.set("team/vol:1.0", List.of("NOPE=1")))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SETTING_INVALID));
    assertThatThrownBy(() -> client.disable("team/vol:1.0", false))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_DISABLED));
    client.remove("team/vol:1.0", false);
    assertThat(client.listPlugins(Map.of())).isEmpty();

    List<String> actions = new ArrayList<>();
    client.events(Map.of("type", List.of("plugin")), Optional.of("0"),
        Optional.of(Long.toString(System.currentTimeMillis() / 1000 + 1)),
        e -> actions.add(e.path("Action").asText()));
    assertThat(actions).containsExactly("create", "remove");
  }
}
