package dev.hangar.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.testkit.ShortTempDir;

import dev.hangar.protocol.MethodNotFoundException;
import dev.hangar.protocol.PluginCallException;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.authz.Authz;
import dev.hangar.protocol.authz.AuthzRequest;
import dev.hangar.protocol.authz.AuthzResponse;
import dev.hangar.protocol.volume.CapabilitiesRequest;
import dev.hangar.protocol.volume.CreateRequest;
import dev.hangar.protocol.volume.GetRequest;
import dev.hangar.protocol.volume.ListRequest;
import dev.hangar.protocol.volume.MountRequest;
import dev.hangar.protocol.volume.VolumeDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hangar's own client against the SDK server: unix, TCP, typed proxies, concurrency. */
class PluginServerClientTest {
  private static final ClientConfig NO_RETRY = ClientConfig.DEFAULT.withBackoff(Backoff.NONE);

  private final ShortTempDir dir = new ShortTempDir();
  private final RecordingVolumeDriver driver = new RecordingVolumeDriver();

  @AfterEach
  void cleanUp() throws IOException {
    dir.close();
  }

  @Test
  void typedProxyDrivesTypedServerOverUnixSocket() {
    try (PluginServer server = PluginServer.builder().serve(VolumeDriver.class, driver)
            .unixSocket(dir.resolve("p.sock")).start();
        PluginClient client = PluginClient.create("p", server.address(), NO_RETRY)) {
      VolumeDriver proxy = client.proxy(VolumeDriver.class);

      proxy.create(new CreateRequest("v1", Map.of("a", "b")));
      assertThat(proxy.mount(new MountRequest("v1", "c1")).mountpoint()).isEqualTo("/mnt/v1");
      assertThat(proxy.get(new GetRequest("v1")).volume().createdAt())
          .isEqualTo("2024-01-02T03:04:05Z");
      assertThat(proxy.get(new GetRequest("missing")).found()).isEmpty();
      assertThat(proxy.list(new ListRequest()).volumes()).hasSize(2);
      assertThat(proxy.capabilities(new CapabilitiesRequest()).capabilities().scope())
          .isEqualTo("local");
      assertThat(driver.requests.get(0)).isEqualTo(new CreateRequest("v1", Map.of("a", "b")));
    }
  }

  @Test
  void authzIsServedWithBase64BodiesBothWays() throws IOException {
    Authz impl = new Authz() {
      @Override
      public AuthzResponse authZReq(AuthzRequest request) {
        String body = new String(request.requestBody(), StandardCharsets.UTF_8);
        return body.contains("privileged") ? AuthzResponse.denied("no privileged containers")
            : AuthzResponse.allowed();
      }

      @Override
      public AuthzResponse authZRes(AuthzRequest request) {
        return new AuthzResponse(request.responseStatusCode() == 200, "", "");
      }
    };
    try (PluginServer server = PluginServer.builder().serve(Authz.class, impl)
            .unixSocket(dir.resolve("p.sock")).start();
        PluginClient client = PluginClient.create("p", server.address(), NO_RETRY)) {
      Authz proxy = client.proxy(Authz.class);
      byte[] bad = "{\"HostConfig\":{\"privileged\":true}}".getBytes(StandardCharsets.UTF_8);

      assertThat(server.implementsList()).containsExactly("authz");
      assertThat(proxy.authZReq(AuthzRequest.ofRequest("POST", "/v1.47/containers/create",
          Map.of("Content-Type", "application/json"), bad)))
          .isEqualTo(AuthzResponse.denied("no privileged containers"));
      assertThat(proxy.authZRes(AuthzRequest.ofRequest("GET", "/_ping", null, null)
          .withResponse(200, null, "OK".getBytes(StandardCharsets.UTF_8))).allow()).isTrue();
      assertThat(RawHttp.post(dir.resolve("p.sock"), "/AuthZPlugin.AuthZReq",
          "{\"RequestMethod\":\"GET\",\"RequestBody\":\"cHJpdmlsZWdlZA==\"}").text())
          .isEqualTo("{\"Allow\":false,\"Msg\":\"no privileged containers\"}\n");
    }
  }

  @Test
  void handlerFailureReachesTheClientAsErrText() {
    try (PluginServer server = PluginServer.builder().serve(VolumeDriver.class, driver)
            .unixSocket(dir.resolve("p.sock")).start();
        PluginClient client = PluginClient.create("p", server.address(), NO_RETRY)) {
      VolumeDriver proxy = client.proxy(VolumeDriver.class);

      assertThatThrownBy(() -> proxy.create(new CreateRequest("bad")))
          .isInstanceOfSatisfying(PluginCallException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.detail()).isEqualTo("volume name 'bad' is refused");
          });
      assertThatThrownBy(() -> client.call("VolumeDriver.Nope", null, Void.class))
          .isInstanceOf(MethodNotFoundException.class);
    }
  }

  @Test
  void streamedReplyReachesTheClientsStream() throws IOException {
    byte[] big = new byte[3 << 20];
    new java.util.Random(42).nextBytes(big);
    try (PluginServer server = PluginServer.builder()
            .handle("Log.Read", body -> new java.io.ByteArrayInputStream(big))
            .unixSocket(dir.resolve("p.sock")).start();
        PluginClient client = PluginClient.create("p", server.address(), NO_RETRY);
        java.io.InputStream in = client.stream("Log.Read", null, CallOptions.DEFAULT)) {
      assertThat(in.readAllBytes()).isEqualTo(big);
    }
  }

  @Test
  void sixtyFourConcurrentCallersOverTcp() throws Exception {
    try (PluginServer server = PluginServer.builder().serve(VolumeDriver.class, driver)
            .tcp("127.0.0.1", 0).start();
        PluginClient client = PluginClient.create("p", server.address(), NO_RETRY)) {
      VolumeDriver proxy = client.proxy(VolumeDriver.class);
      ExecutorService pool = Executors.newFixedThreadPool(64);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String name = "v" + i;
        results.add(pool.submit(() -> proxy.mount(new MountRequest(name, "c")).mountpoint()));
      }
      for (int i = 0; i < 64; i++) {
        assertThat(results.get(i).get()).isEqualTo("/mnt/v" + i);
      }
      pool.shutdown();
    }
  }

  @Test
  void callsBeyondTheThreadPoolWaitForAThreadInsteadOfFailing() throws Exception {
    int calls = 40;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    try (PluginServer server = PluginServer.builder().maxThreads(8)
            .handle("Slow.Call", body -> {
              peak.accumulateAndGet(running.incrementAndGet(), Math::max);
              release.await();
              running.decrementAndGet();
              return Map.of();
            })
            .unixSocket(dir.resolve("slow.sock")).start();
        PluginClient client = PluginClient.create("slow", server.address(), NO_RETRY)) {
      ExecutorService pool = Executors.newFixedThreadPool(calls);
      List<Future<Map<?, ?>>> results = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        results.add(pool.submit(() -> client.call("Slow.Call", Map.of(), Map.class)));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (peak.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(peak.get()).as("calls running while blocked").isBetween(1, 8);
      release.countDown();
      for (Future<Map<?, ?>> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEmpty();
      }
      pool.shutdown();
    }
  }

  @Test
  void maxThreadsOutsideItsRangeIsRefused() {
    assertThatThrownBy(() -> PluginServer.builder().maxThreads(7))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxThreads");
    assertThatThrownBy(() -> PluginServer.builder().maxThreads(10_001))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxThreads");
  }
}
