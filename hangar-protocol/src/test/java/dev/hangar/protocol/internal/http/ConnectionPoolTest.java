package dev.hangar.protocol.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.Responder;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {
  Fixtures fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures();
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  /** Echoes the request body back as {"Echo": <body>}. */
  static Reply echo(dev.hangar.testkit.RecordedRequest r) {
    return Fixtures.ok("{\"Echo\":" + (r.body().length == 0 ? "null" : r.bodyText().strip()) + "}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"unix", "tcp"})
  void sequentialCallsShareOneKeptAliveConnection(String kind) throws Exception {
    RawPluginServer s = fx.server(kind, ConnectionPoolTest::echo);
    PluginClient c = fx.client(s);
    for (int i = 0; i < 50; i++) {
      JsonNode n = c.call("X.Echo", Map.of("I", i), JsonNode.class);
      assertThat(n.get("Echo").get("I").asInt()).isEqualTo(i);
    }
    assertThat(s.connectionCount()).isEqualTo(1);
  }

  @Test
  void connectionCloseFromThePluginIsHonoured() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Reply.raw(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}").thenClose()));
    PluginClient c = fx.client(s);
    for (int i = 0; i < 3; i++) {
      c.call("X.Y", null, JsonNode.class);
    }
    assertThat(s.connectionCount()).isEqualTo(3);
  }

  @Test
  void errorRepliesKeepTheConnectionWhenTheirBodyWasRead() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Reply.json(500, "{\"Err\":\"no\"}")));
    PluginClient c = fx.client(s);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> c.call("X.Y", null, Void.class)).hasMessageEndingWith(": no");
    }
    assertThat(s.connectionCount()).isEqualTo(1);
  }

  @Test
  void sixtyFourConcurrentCallersAllGetTheirOwnReply() throws Exception {
    RawPluginServer s = fx.unix(ConnectionPoolTest::echo);
    PluginClient c = fx.client(s);
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        int id = t;
        results.add(pool.submit(() -> {
          start.await();
          int ok = 0;
          for (int i = 0; i < 40; i++) {
            JsonNode n = c.call("X.Echo", Map.of("T", id, "I", i), JsonNode.class);
            if (n.get("Echo").get("T").asInt() == id && n.get("Echo").get("I").asInt() == i) {
              ok++;
            }
          }
          return ok;
        }));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(40);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(s.requests()).hasSize(64 * 40);
    assertThat(s.connectionCount()).isBetween(1, 64 * 40);
    assertThat(((HttpPluginClient) c).idleConnections()).isLessThanOrEqualTo(6);
  }

  @Test
  void idleConnectionsBeyondTheLimitAreClosed() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Fixtures.ok("{}")));
    PluginClient c = fx.client(s, Fixtures.FAST.withMaxIdleConnections(0));
    c.call("X.Y", null, Void.class);
    c.call("X.Y", null, Void.class);
    assertThat(s.connectionCount()).isEqualTo(2);
    assertThat(((HttpPluginClient) c).idleConnections()).isZero();
  }

  @Test
  void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Fixtures.ok("{}")));
    PluginClient c = fx.client(s, Fixtures.FAST.withIdleTimeout(Duration.ofMillis(100)));
    c.call("X.Y", null, Void.class);
    assertThat(((HttpPluginClient) c).idleConnections()).isEqualTo(1);
    TimeoutAndRetryTest.awaitNoOpenConnections(s);
    assertThat(((HttpPluginClient) c).idleConnections()).isZero();
  }

  @Test
  void streamReturnsItsConnectionWhenReadToTheEndAndDropsItWhenClosedEarly() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Reply.huge(200, 200_000, true)));
    PluginClient c = fx.client(s);
    try (InputStream in = c.stream("X.Logs", null, CallOptions.DEFAULT)) {
      assertThat(in.readAllBytes()).hasSize(200_000);
    }
    assertThat(((HttpPluginClient) c).idleConnections()).isEqualTo(1);
    try (InputStream in = c.stream("X.Logs", null, CallOptions.DEFAULT)) {
      assertThat(in.read(new byte[10])).isEqualTo(10);
    }
    assertThat(((HttpPluginClient) c).idleConnections()).isZero();
    assertThat(s.connectionCount()).isEqualTo(1);
    try (InputStream in = c.stream("X.Logs", null, CallOptions.DEFAULT)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertThat(s.connectionCount()).isEqualTo(2);
  }

  @Test
  void closeIsIdempotentAndLaterCallsFail() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Fixtures.ok("{}")));
    PluginClient c = fx.client(s);
    c.call("X.Y", null, Void.class);
    c.close();
    c.close();
    TimeoutAndRetryTest.awaitNoOpenConnections(s);
    assertThatThrownBy(() -> c.call("X.Y", null, Void.class))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("test-plugin");
  }

  @Test
  void sendFileDialsAFreshConnectionAndLeavesItForLaterCalls() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Fixtures.ok("{}")));
    PluginClient c = fx.client(s);
    c.call("X.Y", null, Void.class);
    c.sendFile("X.Up", new java.io.ByteArrayInputStream(new byte[10]), 10, Void.class,
        CallOptions.DEFAULT);
    assertThat(s.connectionCount()).isEqualTo(2);
    assertThat(((HttpPluginClient) c).idleConnections()).isEqualTo(2);
    c.call("X.Y", null, Void.class);
    assertThat(s.connectionCount()).isEqualTo(2);
  }

  @Test
  void timeoutsCloseOnlyTheirOwnConnectionsUnderConcurrency() throws Exception {
    RawPluginServer s = fx.unix(r -> r.bodyText().contains("\"Hang\":true")
        ? Reply.neverAnswer() : Fixtures.ok("{\"Ok\":true}"));
    PluginClient c = fx.client(s);
    CallOptions shortTimeout = CallOptions.DEFAULT.withTimeout(Duration.ofMillis(200));
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<int[]>> results = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        int id = t;
        results.add(pool.submit(() -> {
          int ok = 0;
          int timedOut = 0;
          for (int i = 0; i < 20; i++) {
            boolean hang = (id + i) % 10 == 0;
            try {
              // only hanging calls get a short timeout: a normal call that fails then lost its
              // connection to another call's deadline
              c.call("X.Y", Map.of("Hang", hang), JsonNode.class,
                  hang ? shortTimeout : CallOptions.DEFAULT);
              ok += hang ? 100 : 1;
            } catch (dev.hangar.protocol.PluginCallException e) {
              boolean expected = hang && e.code() == dev.hangar.protocol.ErrorCode.PLUGIN_TIMEOUT;
              if (!expected) {
                throw new AssertionError("call " + i + " (hang=" + hang + ") failed: " + e, e);
              }
              timedOut++;
            }
          }
          return new int[] {ok, timedOut};
        }));
      }
      for (Future<int[]> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS)).containsExactly(18, 2);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
