package dev.hangar.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.testkit.ShortTempDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Engine API's system routes and error rules, over a real daemon's unix socket. */
class DaemonHttpTest {
  private ShortTempDir tmp;
  private Daemon daemon;
  private Path socket;

  @BeforeEach
  void start() {
    tmp = new ShortTempDir();
    socket = tmp.resolve("d/api.sock");
    daemon = Daemon.start(options(tmp, socket));
  }

  static DaemonOptions options(ShortTempDir tmp, Path socket) {
    ManagedSettings managed = ManagedSettings.defaults(tmp.resolve("root"))
        .withRuntimeDir(tmp.resolve("run"));
    return new DaemonOptions(managed, List.of(java.net.URI.create("unix://" + socket)),
        Optional.empty());
  }

  @AfterEach
  void stop() throws Exception {
    daemon.close();
    tmp.close();
  }

  private RawHttp.Response get(String target) throws Exception {
    try (RawHttp c = RawHttp.unix(socket)) {
      return c.get(target);
    }
  }

  private static void assertDockerHeaders(RawHttp.Response r) {
    assertThat(r.header("Api-Version")).contains("1.41");
    assertThat(r.header("Ostype")).contains("linux");
    assertThat(r.header("Docker-Experimental")).contains("false");
    assertThat(r.header("Server")).hasValueSatisfying(s -> assertThat(s)
        .startsWith("Hangar/").endsWith(" (linux)"));
  }

  @Test
  void pingAnswersHeadEmptyAndGetOkWithDockersHeaders() throws Exception {
    try (RawHttp c = RawHttp.unix(socket)) {
      RawHttp.Response head = c.exchange("HEAD", "/_ping", Map.of(), null);
      assertThat(head.status()).isEqualTo(200);
      assertDockerHeaders(head);
      assertThat(head.header("Content-Type")).contains("text/plain; charset=utf-8");
      assertThat(head.header("Content-Length")).contains("0");
      assertThat(head.header("Swarm")).contains("inactive");
      assertThat(head.header("Builder-Version")).contains("");
      assertThat(head.header("Cache-Control")).contains("no-cache, no-store, must-revalidate");
      assertThat(head.header("Pragma")).contains("no-cache");
      RawHttp.Response ok = c.get("/v1.41/_ping");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.text()).isEqualTo("OK");
      assertDockerHeaders(ok);
    }
  }

  @Test
  void versionNamesHangarAsTheEngine() throws Exception {
    RawHttp.Response r = get("/v1.41/version");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).contains("application/json");
    JsonNode v = r.json();
    assertThat(v.path("Platform").path("Name").asText()).isEqualTo("Hangar");
    assertThat(v.path("ApiVersion").asText()).isEqualTo("1.41");
    assertThat(v.path("MinAPIVersion").asText()).isEqualTo("1.24");
    assertThat(v.path("Os").asText()).isEqualTo("linux");
    JsonNode engine = v.path("Components").path(0);
    assertThat(engine.path("Name").asText()).isEqualTo("Engine");
    assertThat(engine.path("Version").asText()).isEqualTo(v.path("Version").asText());
    assertThat(engine.path("Details").path("ApiVersion").asText()).isEqualTo("1.41");
    assertThat(engine.path("Details").path("MinAPIVersion").asText()).isEqualTo("1.24");
    assertThat(r.text()).endsWith("}\n");
  }

  @Test
  void anUnknownRouteOrMethodIsPageNotFound() throws Exception {
    for (String target : new String[] {"/nope", "/v1.41/containers/json", "/v1.41"}) {
      RawHttp.Response r = get(target);
      assertThat(r.status()).as(target).isEqualTo(404);
      assertThat(r.header("Content-Type")).contains("application/json");
      assertThat(r.text()).isEqualTo("{\"message\":\"page not found\"}\n");
      assertThat(r.header("Hangar-Error-Code")).isEmpty();
      assertDockerHeaders(r);
    }
    try (RawHttp c = RawHttp.unix(socket)) {
      assertThat(c.exchange("POST", "/version", Map.of(), new byte[0]).status()).isEqualTo(404);
    }
  }

  @Test
  void badQueriesAreDockersMessagesWithTheUsageCode() throws Exception {
    try (RawHttp c = RawHttp.unix(socket)) {
      RawHttp.Response enable = c.exchange("POST", "/v1.41/plugins/x/enable", Map.of(),
          new byte[0]);
      assertThat(enable.status()).isEqualTo(400);
      assertThat(enable.text())
          .isEqualTo("{\"message\":\"strconv.Atoi: parsing \\\"\\\": invalid syntax\"}\n");
      assertThat(enable.header("Hangar-Error-Code")).contains("USAGE");
      RawHttp.Response filter =
          c.get("/v1.41/plugins?filters=%7B%22enable%22%3A%5B%22true%22%5D%7D");
      assertThat(filter.status()).isEqualTo(400);
      assertThat(filter.json().path("message").asText()).isEqualTo("invalid filter 'enable'");
      RawHttp.Response bad = c.get("/plugins?filters=%7B%22enabled%22%3A%5B%22yes%22%5D%7D");
      assertThat(bad.json().path("message").asText()).isEqualTo("invalid filter 'enabled=[yes]'");
      RawHttp.Response create = c.exchange("POST", "/plugins/create", Map.of(), new byte[0]);
      assertThat(create.status()).isEqualTo(400);
      assertThat(create.json().path("message").asText())
          .isEqualTo("failed to parse reference : repository name must have at least one"
              + " component");
      RawHttp.Response set = c.exchange("POST", "/plugins/x/set",
          Map.of("Content-Type", "text/plain"), "[]".getBytes());
      assertThat(set.status()).isEqualTo(400);
      assertThat(set.json().path("message").asText())
          .isEqualTo("unsupported Content-Type header (text/plain): must be 'application/json'");
    }
  }

  @Test
  void versionsOutsideTheRangeAreRefusedAsDockerd() throws Exception {
    RawHttp.Response tooNew = get("/v1.50/_ping");
    assertThat(tooNew.status()).isEqualTo(400);
    assertThat(tooNew.json().path("message").asText())
        .isEqualTo("client version 1.50 is too new. Maximum supported API version is 1.41");
    RawHttp.Response tooOld = get("/v1.23/version");
    assertThat(tooOld.status()).isEqualTo(400);
    assertThat(tooOld.header("Content-Type")).contains("text/plain; charset=utf-8");
    assertThat(tooOld.text()).isEqualTo("client version 1.23 is too old. Minimum supported API"
        + " version is 1.24, please upgrade your client to a newer version\n");
    assertThat(get("/v1.24/_ping").status()).isEqualTo(200);
  }

  @Test
  void eventsBeforeAPastUntilAreAnEmptyStream() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    RawHttp.Response r = get("/v1.41/events?since=0&until=" + (now - 1)
        + "&filters=%7B%22type%22%3A%7B%22plugin%22%3Atrue%7D%7D");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).contains("application/json");
    assertThat(r.body()).isEmpty();
    RawHttp.Response bad = get("/events?since=yesterday");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("message").asText()).isEqualTo("invalid value for 'since':"
        + " invalid timestamp \"yesterday\": invalid seconds \"yesterday\": invalid syntax");
    RawHttp.Response reversed = get("/events?since=20&until=10");
    assertThat(reversed.json().path("message").asText())
        .isEqualTo("`since` time (20) cannot be after `until` time (10)");
  }

  @Test
  void escapedSlashesAndColonsInNamesAreDecodedAsGoDoes() throws Exception {
    RawHttp.Response r = get("/v1.41/plugins/team%2Fvol%3A1.0/json");
    assertThat(r.status()).as(r.text()).isEqualTo(404);
    assertThat(r.json().path("message").asText()).isEqualTo("plugin \"team/vol:1.0\" not found");
  }

  @Test
  void optionsIsAnEmptyOk() throws Exception {
    try (RawHttp c = RawHttp.unix(socket)) {
      RawHttp.Response r = c.exchange("OPTIONS", "/v1.41/anything", Map.of(), null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Length")).contains("0");
    }
  }
}
