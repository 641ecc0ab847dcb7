package dev.hangar.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hangar.protocol.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registries that misbehave in ways Debian's registry will not: a small HTTP server of the
 * test's answering each path as told (wrong bytes without {@code Docker-Content-Digest}, too
 * many bytes, redirects, paginated tags, bad manifests, silence).
 */
class FakeRegistryTest {
  @TempDir Path dir;
  HttpServer server;
  String address;
  final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final List<String> seenAuthorization = new CopyOnWriteArrayList<>();
  final CountDownLatch release = new CountDownLatch(1);

  /** How the server answers one path. */
  @FunctionalInterface
  interface Answer {
    void answer(HttpExchange ex) throws IOException;
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", ex -> {
      try (ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        seenAuthorization.add(ex.getRequestURI().getPath() + " " + (auth == null ? "-" : auth));
        String key = ex.getRequestMethod() + " " + ex.getRequestURI().getPath()
            + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        Answer a = answers.getOrDefault(key, answers.get(ex.getRequestMethod() + " "
            + ex.getRequestURI().getPath()));
        if (a == null) {
          send(ex, 404, Map.of(), "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"no\"}]}");
        } else {
          a.answer(ex);
        }
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    address = "127.0.0.1:" + server.getAddress().getPort();
    answers.put("GET /v2/", ex -> send(ex, 200, Map.of(), "{}"));
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  static void send(HttpExchange ex, int status, Map<String, String> headers, String body)
      throws IOException {
    sendBytes(ex, status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  static void sendBytes(HttpExchange ex, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private RegistryClient client() {
    return RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(dir.resolve("no-certs")).build();
  }

  private Repository repo() {
    return new Repository(address, "fake/repo");
  }

  @Test
  void wrongBytesWithoutAnAnnouncedDigestAreADigestMismatchAndLeaveNothing() {
    byte[] right = "the blob that was asked for".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.of(right);
    answers.put("GET /v2/fake/repo/blobs/" + d, ex -> send(ex, 200, Map.of(), "not the blob"));
    Path target = dir.resolve("blob");
    try (RegistryClient client = client()) {
      assertThatThrownBy(() -> client.downloadBlob(repo(), d, -1, target))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH))
          .hasMessageContaining("expected " + d)
          .hasMessageContaining("got " + Digest.of("not the blob".getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(target).doesNotExist();
    assertThat(dir.resolve("blob.partial")).doesNotExist();
  }

  @Test
  void moreBytesThanTheDescriptorSaysAreRefusedAsSoonAsTheyArrive() {
    byte[] right = new byte[100];
    Digest d = Digest.of(right);
    answers.put("GET /v2/fake/repo/blobs/" + d, ex -> sendBytes(ex, 200, Map.of(),
        new byte[4 * 1024 * 1024]));
    BlobStore store = BlobStore.at(dir.resolve("store"));
    try (RegistryClient client = client()) {
      assertThatThrownBy(() -> client.fetchBlob(repo(),
          Descriptor.of(MediaTypes.OCI_LAYER_GZIP, d, 100), store))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH))
          .hasMessageContaining("more than the 100 bytes");
    }
    assertThat(store.contains(d)).isFalse();
  }

  @Test
  void aRedirectToAnotherHostCarriesNoCredentials() throws Exception {
    byte[] blob = "redirected blob".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.of(blob);
    HttpServer storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        0), 4);
    List<String> storageAuth = new CopyOnWriteArrayList<>();
    storage.createContext("/", ex -> {
      try (ex) {
        String a = ex.getRequestHeaders().getFirst("Authorization");
        storageAuth.add(a == null ? "-" : a);
        sendBytes(ex, 200, Map.of(), blob);
      }
    });
    storage.start();
    try {
      // "localhost" is another origin than 127.0.0.1, as a CDN host would be.
      answers.put("GET /v2/", ex -> send(ex, 401,
          Map.of("WWW-Authenticate", "Basic realm=\"fake\""), ""));
      answers.put("GET /v2/fake/repo/blobs/" + d, ex -> {
        if (ex.getRequestHeaders().getFirst("Authorization") == null) {
          send(ex, 401, Map.of("WWW-Authenticate", "Basic realm=\"fake\""), "");
        } else {
          send(ex, 307, Map.of("Location", "http://localhost:" + storage.getAddress().getPort()
              + "/signed/blob?sig=1"), "");
        }
      });
      try (RegistryClient client = RegistryClient.builder().certsDir(dir.resolve("none"))
          .credentials(CredentialSource.of(address, new Credentials.Basic("u", "p"))).build()) {
        client.downloadBlob(repo(), d, blob.length, dir.resolve("out"));
      }
      assertThat(dir.resolve("out")).hasBinaryContent(blob);
      assertThat(seenAuthorization).anyMatch(s -> s.startsWith("/v2/fake/repo/blobs/") && s
          .contains("Basic "));
      assertThat(storageAuth).containsExactly("-");
    } finally {
      storage.stop(0);
    }
  }

  @Test
  void tagListsAreFollowedAcrossLinkPages() {
    answers.put("GET /v2/fake/repo/tags/list", ex -> send(ex, 200,
        Map.of("Link", "</v2/fake/repo/tags/list?n=2&last=b>; rel=\"next\""),
        "{\"name\":\"fake/repo\",\"tags\":[\"a\",\"b\"]}"));
    answers.put("GET /v2/fake/repo/tags/list?n=2&last=b", ex -> send(ex, 200,
        Map.of("Link", "<http://" + address + "/v2/fake/repo/tags/list?n=2&last=d>; rel=\"next\""),
        "{\"name\":\"fake/repo\",\"tags\":[\"c\",\"d\"]}"));
    answers.put("GET /v2/fake/repo/tags/list?n=2&last=d", ex -> send(ex, 200, Map.of(),
        "{\"name\":\"fake/repo\",\"tags\":[\"e\"]}"));
    try (RegistryClient client = client()) {
      assertThat(client.listTags(repo())).containsExactly("a", "b", "c", "d", "e");
    }
  }

  @Test
  void tagPagesThatLoopAreAnError() {
    answers.put("GET /v2/fake/repo/tags/list", ex -> send(ex, 200,
        Map.of("Link", "</v2/fake/repo/tags/list>; rel=\"next\""), "{\"tags\":[\"a\"]}"));
    try (RegistryClient client = client()) {
      assertThatThrownBy(() -> client.listTags(repo()))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_ERROR));
    }
  }

  @Test
  void manifestsThatAreNotWhatTheyClaimAreInvalidOrMismatched() {
    String good = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":{\"mediaType\":\"x\",\"size\":2,\"digest\":\"" + Digest.of(new byte[2])
        + "\"},\"layers\":[]}";
    Map<String, String> bodies = Map.of(
        "schema1", "{\"schemaVersion\":1,\"name\":\"x\"}",
        "notjson", "this is not json",
        "unknowntype", "{\"schemaVersion\":2,\"mediaType\":\"application/x-nope\"}",
        "baddigest", good.replace("sha256:", "md5:"),
        "nolayers", good.replace(",\"layers\":[]", ""));
    bodies.forEach((tag, body) -> answers.put("GET /v2/fake/repo/manifests/" + tag,
        ex -> send(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), body)));
    answers.put("GET /v2/fake/repo/manifests/huge", ex -> sendBytes(ex, 200, Map.of(),
        new byte[RegistryClient.MAX_MANIFEST_BYTES + 1]));
    Digest other = Digest.of(new byte[] {7});
    answers.put("GET /v2/fake/repo/manifests/" + other, ex -> send(ex, 200,
        Map.of("Content-Type", MediaTypes.OCI_MANIFEST), good));
    answers.put("GET /v2/fake/repo/manifests/lying", ex -> send(ex, 200,
        Map.of("Content-Type", MediaTypes.OCI_MANIFEST, "Docker-Content-Digest", other.toString()),
        good));
    try (RegistryClient client = client()) {
      for (String tag : List.of("schema1", "notjson", "unknowntype", "baddigest", "nolayers",
          "huge")) {
        assertThatThrownBy(() -> client.pullManifest(repo().tag(tag))).as(tag)
            .isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID))
            .hasMessageContaining("manifest " + address + "/fake/repo:" + tag);
      }
      assertThatThrownBy(() -> client.pullManifest(repo().digest(other)))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH))
          .hasMessageContaining("expected " + other);
      assertThatThrownBy(() -> client.pullManifest(repo().tag("lying")))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH));
    }
  }

  @Test
  void aRegistryThatStopsSendingIsAbandonedAfterTheStallTimeout() {
    Digest d = Digest.of(new byte[1000]);
    answers.put("GET /v2/fake/repo/blobs/" + d, ex -> {
      ex.sendResponseHeaders(200, 1000);
      OutputStream out = ex.getResponseBody();
      out.write(new byte[10]);
      out.flush();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try (RegistryClient client = RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(dir.resolve("none")).stallTimeout(Duration.ofMillis(500)).build()) {
      assertThatThrownBy(() -> client.downloadBlob(repo(), d, 1000, dir.resolve("stalled")))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_UNREACHABLE))
          .hasMessageContaining("sent or took nothing for 0.5 s")
          .hasMessageContaining("10 of 1000 bytes are kept");
    }
    assertThat(dir.resolve("stalled")).doesNotExist();
  }

  @Test
  void aRegistryErrorBodyIsMappedOnceWithItsCodes() {
    answers.put("GET /v2/fake/repo/manifests/t", ex -> send(ex, 429, Map.of(),
        "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\",\"detail\":{\"n\":1}}]}"));
    answers.put("GET /v2/fake/repo/manifests/denied", ex -> send(ex, 403, Map.of(),
        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"));
    answers.put("GET /v2/fake/repo/manifests/html", ex -> send(ex, 502, Map.of(),
        "<html>bad gateway</html>"));
    try (RegistryClient client = client()) {
      assertThatThrownBy(() -> client.pullManifest(repo().tag("t")))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_ERROR);
            assertThat(e.errors()).containsExactly(
                new RegistryError("TOOMANYREQUESTS", "slow down", "{\"n\":1}"));
          })
          .hasMessage("manifest " + address + "/fake/repo:t: registry answered 429: "
              + "TOOMANYREQUESTS: slow down");
      assertThatThrownBy(() -> client.pullManifest(repo().tag("denied")))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_AUTH));
      assertThatThrownBy(() -> client.pullManifest(repo().tag("html")))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_ERROR))
          .hasMessageContaining("<html>bad gateway</html>");
    }
  }
}
