package dev.hangar.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.TestPlugins;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The plugin routes over a real daemon and manager: statuses, bodies, errors, events. */
@Timeout(120)
class DaemonPluginsTest {
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  private static final byte[] NONE = new byte[0];

  private ShortTempDir tmp;
  private Daemon daemon;
  private Path socket;
  private RawHttp http;

  @BeforeEach
  void start() throws Exception {
    tmp = new ShortTempDir();
    socket = tmp.resolve("api.sock");
    ManagedSettings managed = ManagedSettings.defaults(tmp.resolve("root"))
        .withStartTimeout(Duration.ofSeconds(10)).withStopGrace(Duration.ofSeconds(2));
    daemon = Daemon.start(new DaemonOptions(managed, List.of(URI.create("unix://" + socket)),
        Optional.empty()));
    http = RawHttp.unix(socket);
  }

  @AfterEach
  void stop() throws Exception {
    http.close();
    daemon.close();
    tmp.close();
  }

  private RawHttp.Response post(String target, byte[] body) throws Exception {
    return http.exchange("POST", target, body.length == 0 ? Map.of() : JSON, body);
  }

  private RawHttp.Response create(String name, Path pkg) throws Exception {
    return http.exchange("POST", "/v1.41/plugins/create?name=" + name,
        Map.of("Content-Type", "application/x-tar"), TestPackages.tar(pkg));
  }

  private static String filters(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  private static void assertError(RawHttp.Response r, int status, String code, String message)
      throws Exception {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.header("Content-Type")).contains("application/json");
    assertThat(r.header("Hangar-Error-Code")).contains(code);
    assertThat(r.json().path("message").asText()).isEqualTo(message);
  }

  @Test
  void createInspectListSetAndRemoveAnswerAsDockerd() throws Exception {
    RawHttp.Response created = create("team/vol:1.0", TestPackages.inert(tmp.resolve("pkg")));
    assertThat(created.status()).as(created.text()).isEqualTo(204);
    assertThat(created.body()).isEmpty();

    JsonNode p = http.get("/v1.41/plugins/team/vol:1.0/json").json();
    assertThat(p.path("Name").asText()).isEqualTo("team/vol:1.0");
    assertThat(p.path("Enabled").asBoolean(true)).isFalse();
    assertThat(p.path("Id").asText()).hasSize(64);
    assertThat(p.path("Config").path("Description").asText()).isEqualTo("an inert volume plugin");
    String prefix = p.path("Id").asText().substring(0, 12);
    assertThat(http.get("/plugins/" + prefix + "/json").json().path("Name").asText())
        .isEqualTo("team/vol:1.0");

    assertThat(http.get("/v1.41/plugins").json()).hasSize(1);
    assertThat(http.get("/v1.41/plugins?filters=" + filters("{\"enabled\":{\"true\":true}}"))
        .json()).isEmpty();
    assertThat(http.get("/v1.41/plugins?filters=" + filters("{\"enabled\":[\"false\"]}"))
        .json()).hasSize(1);
    assertThat(http.get("/v1.41/plugins?filters=" + filters("{\"capability\":[\"^volume\"]}"))
        .json()).hasSize(1);
    assertThat(http.get("/v1.41/plugins?filters=" + filters("{\"capability\":[\"network\"]}"))
        .json()).isEmpty();

    RawHttp.Response set = post("/v1.41/plugins/team/vol:1.0/set", "[\"DEBUG=1\"]".getBytes());
    assertThat(set.status()).as(set.text()).isEqualTo(204);
    assertThat(http.get("/v1.41/plugins/team/vol:1.0/json").json().path("Settings").path("Env")
        .toString()).isEqualTo("[\"DEBUG=1\"]");

    RawHttp.Response removed = http.exchange("DELETE", "/v1.41/plugins/team/vol:1.0", Map.of(),
        null);
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.body()).isEmpty();
    assertThat(removed.header("Content-Length")).contains("0");
    assertThat(http.get("/v1.41/plugins").text()).isEqualTo("[]\n");
  }

  @Test
  void managerErrorsCarryTheirStatusAndCode() throws Exception {
    Path pkg = TestPackages.inert(tmp.resolve("pkg"));
    assertThat(create("vol", pkg).status()).isEqualTo(204);
    RawHttp.Response exists = create("vol:latest", pkg);
    assertError(exists, 409, "PLUGIN_EXISTS", "plugin vol:latest already exists");
    assertError(http.get("/v1.41/plugins/nope/json"), 404, "PLUGIN_NOT_FOUND",
        "plugin \"nope\" not found");
    assertError(post("/v1.41/plugins/vol/disable", NONE), 409, "PLUGIN_DISABLED",
        "plugin is already disabled: plugin vol:latest found but disabled");
    assertError(post("/v1.41/plugins/vol/set", "[\"NOPE=1\"]".getBytes()), 500,
        "SETTING_INVALID", "setting \"NOPE\" not found in the plugin configuration");
    RawHttp.Response call =
        post("/hangar/v1/plugins/vol/call/VolumeDriver.List", "{}".getBytes());
    assertThat(call.status()).as(call.text()).isEqualTo(409);
    assertThat(call.header("Hangar-Error-Code")).contains("PLUGIN_DISABLED");
  }

  @Test
  void hangarListsStatesAndPrivileges() throws Exception {
    assertThat(create("vol", TestPackages.inert(tmp.resolve("pkg"))).status()).isEqualTo(204);
    JsonNode list = http.get("/hangar/v1/plugins").json();
    assertThat(list).hasSize(1);
    assertThat(list.path(0).path("Name").asText()).isEqualTo("vol:latest");
    assertThat(list.path(0).path("State").asText()).isEqualTo("disabled");
    assertThat(list.path(0).path("Enabled").asBoolean(true)).isFalse();
    JsonNode privileges = http.get("/hangar/v1/plugins/vol/privileges").json();
    assertThat(privileges.toString()).isEqualTo("[{\"Name\":\"network\",\"Description\":"
        + "\"permissions to access a network\",\"Value\":[\"host\"]}]");
  }

  @Test
  void createAndRemoveAreEvents() throws Exception {
    long since = System.currentTimeMillis() / 1000 - 1;
    assertThat(create("vol", TestPackages.inert(tmp.resolve("pkg"))).status()).isEqualTo(204);
    assertThat(http.exchange("DELETE", "/plugins/vol", Map.of(), null).status()).isEqualTo(200);
    String until = Long.toString(System.currentTimeMillis() / 1000 + 1);
    // An until in the future: the stream stays open until then, with the past events first.
    RawHttp.Response events = http.get("/v1.41/events?since=" + since + "&until=" + until
        + "&filters=" + filters("{\"type\":{\"plugin\":true}}"));
    List<JsonNode> lines = events.text().lines().map(l -> {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(l);
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
    assertThat(lines).extracting(e -> e.path("Action").asText())
        .containsExactly("create", "remove");
    JsonNode first = lines.get(0);
    assertThat(first.path("Type").asText()).isEqualTo("plugin");
    assertThat(first.path("status").asText()).isEqualTo("create");
    assertThat(first.path("scope").asText()).isEqualTo("local");
    assertThat(first.path("Actor").path("Attributes").path("name").asText())
        .isEqualTo("vol:latest");
    assertThat(first.path("Actor").path("ID").asText()).hasSize(64);
  }

  @Test
  void metricsAreServedInPrometheusTextFormatOutsideTheVersionedApi() throws Exception {
    assertThat(create("team/vol:1.0", TestPackages.inert(tmp.resolve("pkg"))).status())
        .isEqualTo(204);
    RawHttp.Response m = http.get("/metrics");
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.header("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(m.text()).contains("# TYPE hangar_managed_state gauge\n")
        .contains("hangar_managed_state{plugin=\"team/vol:1.0\",state=\"disabled\"} 1.0\n")
        .contains("hangar_plugin_events_total{action=\"create\",kind=\"managed\"} 1.0\n");
    assertThat(http.get("/v1.41/metrics").status()).isEqualTo(404);
  }

  @Test
  void anEnabledPluginIsCalledThroughTheRelayAndItsLogsRead() throws Exception {
    TestPackages.assumeRuntime();
    assertThat(create("mini", TestPackages.mini(tmp.resolve("pkg"))).status()).isEqualTo(204);
    RawHttp.Response enabled = post("/v1.41/plugins/mini/enable?timeout=5", NONE);
    assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
    assertThat(enabled.body()).isEmpty();
    assertThat(http.get("/v1.41/info").json().path("Plugins").path("Volume").toString())
        .isEqualTo("[\"mini:latest\"]");
    assertThat(http.get("/v1.41/plugins?filters=" + filters("{\"enabled\":{\"true\":true}}"))
        .json()).hasSize(1);

    RawHttp.Response echo = post("/hangar/v1/plugins/mini/call/Mini.Env", "{}".getBytes());
    assertThat(echo.status()).as(echo.text()).isEqualTo(200);
    assertThat(echo.text()).isEqualTo("\"hello\"\n");
    RawHttp.Response unknown = post("/hangar/v1/plugins/mini:latest/call/Nope.Nope", NONE);
    assertThat(unknown.header("Hangar-Error-Code")).contains("METHOD_NOT_FOUND");
    assertThat(unknown.status()).isEqualTo(501);
    assertThat(post("/hangar/v1/plugins/mini/call/Mini.Env", "{".getBytes()).status())
        .isEqualTo(400);
    String metrics = http.get("/metrics").text();
    assertThat(metrics).contains("hangar_plugin_calls_total{kind=\"managed\","
        + "method=\"Mini.Env\",outcome=\"ok\",plugin=\"mini:latest\"} 1.0\n")
        .contains("hangar_plugin_calls_total{kind=\"managed\",method=\"Nope.Nope\","
        + "outcome=\"METHOD_NOT_FOUND\",plugin=\"mini:latest\"} 1.0\n")
        .contains("hangar_plugin_call_duration_seconds_count{kind=\"managed\","
        + "method=\"Mini.Env\",plugin=\"mini:latest\"} 1\n")
        .contains("hangar_managed_state{plugin=\"mini:latest\",state=\"enabled\"} 1.0\n");

    RawHttp.Response logs = http.get("/hangar/v1/plugins/mini/logs");
    assertThat(logs.status()).isEqualTo(200);
    assertThat(logs.text()).contains("{\"log\":\"mini plugin starting\\n\",\"stream\":\"stdout\","
        + "\"time\":\"").contains("\"stream\":\"stderr\"");
    assertThat(http.get("/hangar/v1/plugins/mini/logs?tail=1").text().lines()).hasSize(1);

    assertThat(post("/v1.41/plugins/mini/enable?timeout=5", NONE).header("Hangar-Error-Code"))
        .contains("PLUGIN_ENABLED");
    RawHttp.Response disabled = post("/v1.41/plugins/mini/disable", NONE);
    assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
    assertThat(http.get("/v1.41/info").json().path("Plugins").path("Volume")).isEmpty();
  }

  @Test
  void anExecPluginOfTheRootIsCalledThroughTheRelayWithItsResultInAnEnvelope() throws Exception {
    // declared after the daemon started: the relay reads the declarations as they are now
    TestPlugins.execBundle(tmp.resolve("root/exec"), "greet", "hello",
        "case \"$1\" in\n"
            + "  json) printf '20::{\"to\":\"you\",\"n\":1}\\n' ;;\n"
            + "  yaml) printf '21::to: you\\n' ;;\n"
            + "  none) ;;\n"
            + "  *) printf 'unknown %s\\n' \"$1\" >&2; exit 3 ;;\n"
            + "esac");
    Path toml = tmp.resolve("root/exec/.plugin.toml");
    java.nio.file.Files.writeString(toml, java.nio.file.Files.readString(toml)
        .replace("exports = [\"hello\"]", "exports = [\"json\", \"yaml\", \"none\"]"));

    RawHttp.Response json = post("/hangar/v1/plugins/greet/call/json?kind=exec", "{}".getBytes());
    assertThat(json.status()).as(json.text()).isEqualTo(200);
    assertThat(json.text()).isEqualTo("{\"Json\":{\"to\":\"you\",\"n\":1}}");
    assertThat(post("/hangar/v1/plugins/greet/call/yaml?kind=exec", NONE).text())
        .isEqualTo("{\"Text\":\"to: you\",\"Kind\":\"YAML\"}");
    assertThat(post("/hangar/v1/plugins/greet/call/none?kind=exec", NONE).text()).isEqualTo("{}");
    RawHttp.Response missing = post("/hangar/v1/plugins/nobody/call/json?kind=exec", NONE);
    assertThat(missing.header("Hangar-Error-Code")).contains("PLUGIN_NOT_FOUND");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(http.get("/metrics").text())
        .contains("hangar_plugin_calls_total{kind=\"exec\",method=\"json\",outcome=\"ok\","
            + "plugin=\"greet\"} 1.0\n");
  }

  @Test
  void aFollowedLogEndsWhenTheDaemonCloses() throws Exception {
    TestPackages.assumeRuntime();
    assertThat(create("mini", TestPackages.mini(tmp.resolve("pkg"))).status()).isEqualTo(204);
    assertThat(post("/v1.41/plugins/mini/enable?timeout=0", NONE).status()).isEqualTo(200);
    try (RawHttp follower = RawHttp.unix(socket)) {
      follower.sendHead("GET", "/hangar/v1/plugins/mini/logs?follow=1", Map.of(), null);
      assertThat(follower.readHead().status()).isEqualTo(200);
      assertThat(new String(follower.nextChunk().orElseThrow(), StandardCharsets.UTF_8))
          .contains("\"log\":");
      daemon.close();
      Optional<byte[]> chunk;
      do {
        chunk = follower.nextChunk();
      } while (chunk.isPresent());
    }
  }
}
