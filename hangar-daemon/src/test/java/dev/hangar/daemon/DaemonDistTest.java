package dev.hangar.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.RegistryClient;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.registry.Htpasswd;
import dev.hangar.testkit.registry.RegistryServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry routes (privileges, pull, push) of a real daemon against a real registry. */
@Timeout(120)
class DaemonDistTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ShortTempDir shared;
  private static RegistryServer registry;
  private static RegistryClient client;

  private ShortTempDir tmp;
  private Daemon daemon;
  private RawHttp http;

  @BeforeAll
  static void startRegistry() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    shared = new ShortTempDir();
    registry = RegistryServer.builder(shared.resolve("registry")).start();
    client = RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(shared.resolve("no-certs")).build();
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (client != null) {
      client.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (shared != null) {
      shared.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    tmp = new ShortTempDir();
    Path socket = tmp.resolve("api.sock");
    ManagedSettings managed = ManagedSettings.defaults(tmp.resolve("root")).withRegistry(client);
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

  private String remote(String repoAndTag) {
    return registry.address() + "/" + repoAndTag;
  }

  /** Creates the inert package (asks for host networking) as {@code name} and pushes it. */
  private List<JsonNode> createAndPush(String name) throws Exception {
    RawHttp.Response created = http.exchange("POST", "/v1.41/plugins/create?name=" + name,
        Map.of("Content-Type", "application/x-tar"),
        TestPackages.tar(TestPackages.inert(tmp.resolve("pkg-" + name.hashCode()))));
    assertThat(created.status()).as(created.text()).isEqualTo(204);
    RawHttp.Response pushed = http.exchange("POST", "/v1.41/plugins/" + name + "/push",
        Map.of(), new byte[0]);
    assertThat(pushed.status()).as(pushed.text()).isEqualTo(200);
    assertThat(pushed.header("Content-Type")).contains("application/json");
    return lines(pushed);
  }

  private static List<JsonNode> lines(RawHttp.Response r) throws Exception {
    String text = r.text();
    assertThat(text).endsWith("\r\n");
    List<JsonNode> out = new ArrayList<>();
    for (String l : text.split("\r\n")) {
      assertThat(l).doesNotContain("\n");
      out.add(JSON.readTree(l));
    }
    return out;
  }

  private static final String HOST_NET =
      "[{\"Name\":\"network\",\"Description\":\"permissions to access a network\","
          + "\"Value\":[\"host\"]}]";

  private RawHttp.Response pull(String query, String body, Map<String, String> headers)
      throws Exception {
    Map<String, String> h = new java.util.HashMap<>(headers);
    h.put("Content-Type", "application/json");
    return http.exchange("POST", "/v1.41/plugins/pull?" + query, h,
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pushStreamsDockersMessagesEndingWithAux() throws Exception {
    List<JsonNode> msgs = createAndPush(remote("d/pushed:1.0"));
    assertThat(msgs.get(0).path("status").asText())
        .isEqualTo("The push refers to repository [" + remote("d/pushed") + "]");
    JsonNode aux = msgs.get(msgs.size() - 1).path("aux");
    assertThat(aux.path("Tag").asText()).isEqualTo("1.0");
    assertThat(aux.path("Digest").asText()).startsWith("sha256:");
    assertThat(aux.path("Size").asLong()).isPositive();
    assertThat(client.pullManifest(dev.hangar.registry.Reference.parse(remote("d/pushed:1.0")))
        .digest().toString()).isEqualTo(aux.path("Digest").asText());
  }

  @Test
  void privilegesAndPullAnswerAsDockerd() throws Exception {
    createAndPush(remote("d/gp:1.0"));
    RawHttp.Response privs = http.get("/v1.41/plugins/privileges?remote="
        + remote("d/gp:1.0"));
    assertThat(privs.status()).as(privs.text()).isEqualTo(200);
    assertThat(privs.text()).isEqualTo(HOST_NET + "\n");

    RawHttp.Response pulled = pull("remote=" + remote("d/gp:1.0") + "&name=gp", HOST_NET,
        Map.of());
    assertThat(pulled.status()).as(pulled.text()).isEqualTo(200);
    assertThat(pulled.header("Docker-Plugin-Name")).contains("gp:latest");
    List<JsonNode> msgs = lines(pulled);
    assertThat(msgs).extracting(m -> m.path("status").asText())
        .contains("Digest: " + client.pullManifest(dev.hangar.registry.Reference.parse(
            remote("d/gp:1.0"))).digest());
    assertThat(msgs).noneMatch(m -> m.has("error"));
    JsonNode p = http.get("/v1.41/plugins/gp/json").json();
    assertThat(p.path("PluginReference").asText()).isEqualTo(remote("d/gp:1.0"));
    assertThat(p.path("Enabled").asBoolean(true)).isFalse();
    assertThat(p.has("ManifestDigest")).as("no field beyond Docker's Plugin object").isFalse();
    String digest = client.pullManifest(dev.hangar.registry.Reference.parse(remote("d/gp:1.0")))
        .digest().toString();
    JsonNode listed = http.get("/hangar/v1/plugins").json().get(0);
    assertThat(listed.path("ManifestDigest").asText()).isEqualTo(digest);
    JsonNode r = http.get("/hangar/v1/remote?remote=" + remote("d/gp:1.0") + "&name=gp").json();
    assertThat(r.path("Digest").asText()).isEqualTo(digest);
    assertThat(r.path("Name").asText()).isEqualTo("gp:latest");
    assertThat(r.path("Privileges").toString()).isEqualTo(HOST_NET);

    RawHttp.Response again = pull("remote=" + remote("d/gp:1.0") + "&name=gp", HOST_NET,
        Map.of());
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.header("Hangar-Error-Code")).contains("PLUGIN_EXISTS");
    assertThat(again.json().path("message").asText())
        .isEqualTo("plugin gp:latest already exists");
  }

  @Test
  void wrongPrivilegesAreAnInStreamErrorAndInstallNothing() throws Exception {
    createAndPush(remote("d/priv:1"));
    RawHttp.Response r = pull("remote=" + remote("d/priv:1") + "&name=p2", "null", Map.of());
    assertThat(r.status()).isEqualTo(200);
    List<JsonNode> msgs = lines(r);
    JsonNode last = msgs.get(msgs.size() - 1);
    assertThat(last.path("error").asText()).isEqualTo("incorrect privileges");
    assertThat(last.path("errorDetail").path("message").asText()).isEqualTo("incorrect privileges");
    assertThat(http.get("/v1.41/plugins/p2/json").status()).isEqualTo(404);
  }

  @Test
  void anUnknownRemoteIsAnErrorBeforeTheStream() throws Exception {
    RawHttp.Response r = pull("remote=" + remote("d/none:1"), "[]", Map.of());
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Hangar-Error-Code")).contains("MANIFEST_NOT_FOUND");
    RawHttp.Response bad = http.get("/v1.41/plugins/privileges?remote=Bad/Name:x");
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void upgradeReplacesTheImageKeepsTheSettingsAndChecksPrivilegesAgain() throws Exception {
    createAndPush(remote("d/up:1"));
    createAndPush(remote("d/up:2"));
    RawHttp.Response pulled = pull("remote=" + remote("d/up:1") + "&name=up", HOST_NET,
        Map.of());
    assertThat(lines(pulled)).noneMatch(m -> m.has("error"));
    assertThat(http.exchange("POST", "/v1.41/plugins/up/set", Map.of("Content-Type",
        "application/json"), "[\"DEBUG=1\"]".getBytes(StandardCharsets.UTF_8)).status())
        .isEqualTo(204);

    RawHttp.Response wrong = http.exchange("POST", "/v1.41/plugins/up/upgrade?remote="
        + remote("d/up:2"), Map.of("Content-Type", "application/json"),
        "[]".getBytes(StandardCharsets.UTF_8));
    assertThat(wrong.status()).isEqualTo(200);
    assertThat(lines(wrong).getLast().path("error").asText()).isEqualTo("incorrect privileges");
    assertThat(http.get("/v1.41/plugins/up/json").json().path("PluginReference").asText())
        .isEqualTo(remote("d/up:1"));

    RawHttp.Response up = http.exchange("POST", "/v1.41/plugins/up/upgrade?remote="
        + remote("d/up:2"), Map.of("Content-Type", "application/json"),
        HOST_NET.getBytes(StandardCharsets.UTF_8));
    assertThat(up.status()).isEqualTo(200);
    assertThat(up.header("Docker-Plugin-Name")).contains("up:latest");
    assertThat(lines(up)).noneMatch(m -> m.has("error"));
    JsonNode p = http.get("/v1.41/plugins/up/json").json();
    assertThat(p.path("PluginReference").asText()).isEqualTo(remote("d/up:2"));
    assertThat(p.at("/Settings/Env").toString()).isEqualTo("[\"DEBUG=1\"]");

    RawHttp.Response missing = http.exchange("POST", "/v1.41/plugins/nope/upgrade?remote="
        + remote("d/up:2"), Map.of(), new byte[0]);
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void registryAuthHeaderCarriesTheCredentials() throws Exception {
    try (ShortTempDir dir = new ShortTempDir()) {
      Path htpasswd = Htpasswd.write(dir.resolve("htpasswd"), "alice", "s3cret");
      try (RegistryServer locked = RegistryServer.builder(dir.resolve("reg"))
          .htpasswd(htpasswd).start()) {
        String name = locked.address() + "/d/locked:1";
        RawHttp.Response created = http.exchange("POST", "/v1.41/plugins/create?name=" + name,
            Map.of("Content-Type", "application/x-tar"),
            TestPackages.tar(TestPackages.inert(tmp.resolve("pkg-locked"))));
        assertThat(created.status()).isEqualTo(204);
        RawHttp.Response anonymous = http.exchange("POST", "/v1.41/plugins/" + name + "/push",
            Map.of(), new byte[0]);
        assertThat(lines(anonymous).getLast().path("error").asText()).isNotEmpty();

        String auth = Base64.getUrlEncoder().encodeToString(
            "{\"username\":\"alice\",\"password\":\"s3cret\"}".getBytes(StandardCharsets.UTF_8));
        RawHttp.Response pushed = http.exchange("POST", "/v1.41/plugins/" + name + "/push",
            Map.of("X-Registry-Auth", auth), new byte[0]);
        assertThat(lines(pushed).getLast().has("aux")).as(pushed.text()).isTrue();

        RawHttp.Response ignored = http.get("/v1.41/plugins/privileges?remote=" + name);
        assertThat(ignored.header("Hangar-Error-Code")).contains("REGISTRY_AUTH");
        RawHttp.Response junk = http.exchange("GET", "/v1.41/plugins/privileges?remote=" + name,
            Map.of("X-Registry-Auth", "%%% not base64"), null);
        assertThat(junk.header("Hangar-Error-Code")).as("an invalid header is ignored")
            .contains("REGISTRY_AUTH");
        RawHttp.Response privs = http.exchange("GET", "/v1.41/plugins/privileges?remote=" + name,
            Map.of("X-Registry-Auth", auth), null);
        assertThat(privs.text()).isEqualTo(HOST_NET + "\n");

        // Hangar's client sends the header as the docker CLI does
        try (dev.hangar.daemon.client.EngineClient c = dev.hangar.daemon.client.EngineClient.open(
            new dev.hangar.daemon.client.DaemonAddress.Unix(tmp.resolve("api.sock"), true),
            Optional.empty())) {
          Optional<String> header = Optional.of(dev.hangar.daemon.client.RegistryAuthHeader.encode(
              new dev.hangar.registry.Credentials.Basic("alice", "s3cret")));
          assertThat(c.remotePrivileges(name, header)).singleElement()
              .satisfies(p -> assertThat(p.value()).containsExactly("host"));
          List<JsonNode> seen = new ArrayList<>();
          assertThat(c.pull(name, "locked", c.remotePrivileges(name, header), header, seen::add))
              .isEqualTo("locked:latest");
          assertThat(seen).extracting(m -> m.path("status").asText()).contains("Pull complete");
          org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.pull(name, "nope",
              List.of(), Optional.empty(), m -> { }))
              .isInstanceOf(dev.hangar.protocol.HangarException.class)
              .extracting(e -> ((dev.hangar.protocol.HangarException) e).code())
              .isEqualTo(dev.hangar.protocol.ErrorCode.REGISTRY_AUTH);
        }
      }
    }
  }
}
