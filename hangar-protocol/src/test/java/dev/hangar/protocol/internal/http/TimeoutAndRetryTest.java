package dev.hangar.protocol.internal.http;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.PluginCallException;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.client.RetryClock;
import dev.hangar.testkit.ManualClock;
import dev.hangar.testkit.PatternStream;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.Responder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeoutAndRetryTest {
  static final CallOptions SHORT = CallOptions.DEFAULT.withTimeout(Duration.ofMillis(300));

  Fixtures fx;
  ManualClock clock;
  ClientConfig retrying;

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures();
    clock = new ManualClock();
    retrying = ClientConfig.DEFAULT.withClock(RetryClock.of(clock::nanoTime, clock::sleep));
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @Test
  void pluginThatNeverAnswersTimesOutNamingPluginAndMethod() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Reply.neverAnswer()));
    PluginClient c = fx.client(s, retrying);
    PluginCallException e = catchThrowableOfType(PluginCallException.class,
        () -> c.call("VolumeDriver.Mount", null, Void.class, SHORT));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_TIMEOUT);
    assertThat(e.getMessage())
        .isEqualTo("plugin test-plugin: VolumeDriver.Mount: no reply within 300ms");
    assertThat(s.requests()).hasSize(1);
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void timeoutIsRetriedWhenTheCallIsIdempotent() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Reply.neverAnswer()));
    PluginClient c = fx.client(s, retrying);
    PluginCallException e = catchThrowableOfType(PluginCallException.class,
        () -> c.call("VolumeDriver.Path", null, Void.class,
            CallOptions.DEFAULT.withTimeout(Duration.ofMillis(100)).withIdempotent(true)));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_TIMEOUT);
    assertThat(clock.sleeps())
        .containsExactly(ofSeconds(1), ofSeconds(2), ofSeconds(4), ofSeconds(8));
    assertThat(s.requests()).hasSize(5);
  }

  @Test
  void streamTimesOutWaitingForTheReplyHead() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Reply.neverAnswer()));
    PluginCallException e = catchThrowableOfType(PluginCallException.class,
        () -> fx.client(s).stream("LogDriver.ReadLogs", null, SHORT));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_TIMEOUT);
  }

  @Test
  void sendFileTimesOutWaitingForTheReplyAfterTheBody() throws Exception {
    RawPluginServer s = fx.tcp(Responder.always(Reply.neverAnswer()));
    PluginCallException e = catchThrowableOfType(PluginCallException.class,
        () -> fx.client(s).sendFile("GraphDriver.ApplyDiff", new PatternStream(1 << 20), -1,
            Void.class, CallOptions.DEFAULT.withTimeout(ofSeconds(1))));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_TIMEOUT);
    assertThat(s.awaitRequest(0, ofSeconds(5)).bodyLength()).isEqualTo(1 << 20);
  }

  @Test
  void missingSocketIsRetriedOnDockersScheduleThenUnreachable() {
    Path missing = fx.dir.resolve("absent.sock");
    PluginClient c = fx.client(new PluginAddress.Unix(missing), retrying);
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> c.call("Plugin.Activate", null, Void.class));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_UNREACHABLE);
    assertThat(e.getMessage())
        .startsWith("plugin test-plugin: Plugin.Activate: cannot connect to unix://" + missing)
        .endsWith("(5 attempts in 15s)");
    assertThat(clock.sleeps())
        .containsExactly(ofSeconds(1), ofSeconds(2), ofSeconds(4), ofSeconds(8));
  }

  @Test
  void refusedTcpConnectionIsRetriedToo() throws Exception {
    int port;
    try (ServerSocket ss = new ServerSocket(0)) {
      port = ss.getLocalPort();
    }
    PluginClient c = fx.client(new PluginAddress.Tcp("127.0.0.1", port, null), retrying);
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> c.call("Plugin.Activate", null, Void.class));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_UNREACHABLE);
    assertThat(e.getMessage()).contains("tcp://127.0.0.1:" + port);
    assertThat(clock.sleeps()).hasSize(4);
  }

  @Test
  void zeroRetryDeadlineMeansASingleAttempt() {
    PluginClient c = fx.client(new PluginAddress.Unix(fx.dir.resolve("absent.sock")),
        retrying.withBackoff(Backoff.NONE));
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> c.call("Plugin.Activate", null, Void.class));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_UNREACHABLE);
    assertThat(e.getMessage()).doesNotContain("attempts");
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void connectRetrySucceedsOnceThePluginStarts() throws Exception {
    Path sock = fx.dir.resolve("late.sock");
    AtomicInteger sleeps = new AtomicInteger();
    ClientConfig config = ClientConfig.DEFAULT.withClock(RetryClock.of(clock::nanoTime, d -> {
      clock.sleep(d);
      if (sleeps.incrementAndGet() == 2) {
        try {
          fx.own(RawPluginServer.unix(sock, Responder.always(Fixtures.ok("{}"))));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }));
    fx.client(new PluginAddress.Unix(sock), config).call("Plugin.Activate", null, Void.class);
    assertThat(clock.sleeps()).containsExactly(ofSeconds(1), ofSeconds(2));
  }

  @Test
  void requestThatMayHaveReachedThePluginIsNotRetried() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Reply.closeWithoutReply()));
    PluginClient c = fx.client(s, retrying);
    PluginCallException e = catchThrowableOfType(PluginCallException.class,
        () -> c.call("VolumeDriver.Create", null, Void.class));
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
    assertThat(s.requests()).hasSize(1);
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void idempotentCallIsRetriedAfterALostConnection() throws Exception {
    AtomicInteger n = new AtomicInteger();
    RawPluginServer s = fx.unix(r -> n.getAndIncrement() < 2 ? Reply.closeWithoutReply()
        : Fixtures.ok("{}"));
    fx.client(s, retrying).call("VolumeDriver.Get", null, Void.class,
        CallOptions.DEFAULT.withIdempotent(true));
    assertThat(s.requests()).hasSize(3);
    assertThat(clock.sleeps()).containsExactly(ofSeconds(1), ofSeconds(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"unix", "tcp"})
  void stalePooledConnectionIsRetriedOnceOnAFreshOne(String kind) throws Exception {
    RawPluginServer s = fx.server(kind, Responder.always(Fixtures.ok("{}")));
    PluginClient c = fx.client(s, retrying);
    c.call("X.A", null, Void.class);
    s.dropConnections();
    awaitNoOpenConnections(s);
    c.call("X.B", null, Void.class);
    assertThat(s.connectionCount()).isEqualTo(2);
    assertThat(s.requests()).extracting(r -> r.target()).containsExactly("/X.A", "/X.B");
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void staleRetryOverTcpHappensAtMostOnce() throws Exception {
    AtomicInteger n = new AtomicInteger();
    RawPluginServer s = fx.tcp(r -> n.getAndIncrement() == 0 ? Fixtures.ok("{}")
        : Reply.closeWithoutReply());
    PluginClient c = fx.client(s, retrying);
    c.call("X.A", null, Void.class);
    PluginCallException e = catchThrowableOfType(PluginCallException.class,
        () -> c.call("X.B", null, Void.class));
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
    assertThat(s.requests()).hasSize(3); // X.A, X.B on the pooled connection, X.B on a fresh one
  }

  @Test
  void requestThePluginReadOnAPooledUnixConnectionIsNotResent() throws Exception {
    AtomicInteger n = new AtomicInteger();
    RawPluginServer s = fx.unix(r -> n.getAndIncrement() == 0 ? Fixtures.ok("{}")
        : Reply.closeWithoutReply());
    PluginClient c = fx.client(s, retrying);
    c.call("X.A", null, Void.class);
    PluginCallException e = catchThrowableOfType(PluginCallException.class,
        () -> c.call("X.B", null, Void.class));
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
    assertThat(s.requests()).extracting(r -> r.target()).containsExactly("/X.A", "/X.B");
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void requestOnAStaleConnectionIsNotSentAgainWhenThePluginDiedAfterReadingIt()
      throws Exception {
    List<RawPluginServer> restarted = new CopyOnWriteArrayList<>();
    PluginClient c = killedWhileHandlingXbThenRestarted(restarted);
    c.call("X.A", null, Void.class);
    PluginCallException e = catchThrowableOfType(PluginCallException.class,
        () -> c.call("X.B", null, Void.class));
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
    assertThat(e.getMessage()).contains("the plugin may have acted on it");
    assertThat(clock.sleeps()).isEmpty();
    assertThat(restarted).isEmpty();
  }

  @Test
  void idempotentRequestOnAStaleConnectionIsRetriedUntilThePluginIsBack() throws Exception {
    List<RawPluginServer> restarted = new CopyOnWriteArrayList<>();
    PluginClient c = killedWhileHandlingXbThenRestarted(restarted);
    c.call("X.A", null, Void.class);
    c.call("X.B", null, Void.class, CallOptions.DEFAULT.withIdempotent(true));
    assertThat(clock.sleeps()).containsExactly(ofSeconds(1));
    assertThat(restarted.get(0).requests()).extracting(r -> r.target()).containsExactly("/X.B");
  }

  @Test
  void requestOnAConnectionThePluginClosedBeforeItWasSentIsRetriedUntilThePluginIsBack()
      throws Exception {
    Path sock = fx.dir.resolve("restarted.sock");
    RawPluginServer first = fx.own(RawPluginServer.unix(sock,
        Responder.always(Fixtures.ok("{}"))));
    List<RawPluginServer> restarted = new CopyOnWriteArrayList<>();
    PluginClient c = restartedDuringTheFirstWait(sock, restarted);
    c.call("X.A", null, Void.class);
    first.close(); // stopped: its socket and the pooled connection closed
    awaitNoOpenConnections(first);
    c.call("X.B", null, Void.class);
    assertThat(clock.sleeps()).containsExactly(ofSeconds(1));
    assertThat(restarted.get(0).requests()).extracting(r -> r.target()).containsExactly("/X.B");
  }

  /**
   * A client of a plugin that answers X.A, then dies while handling X.B as if killed (its socket
   * file gone before the connection that carried X.B closes without a reply), and that is
   * started again by {@link #restartedDuringTheFirstWait}.
   */
  private PluginClient killedWhileHandlingXbThenRestarted(List<RawPluginServer> restarted)
      throws IOException {
    Path sock = fx.dir.resolve("killed.sock");
    fx.own(RawPluginServer.unix(sock, r -> {
      if (r.target().equals("/X.B")) {
        try {
          Files.delete(sock); // no one can connect any more
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return Reply.closeWithoutReply();
      }
      return Fixtures.ok("{}");
    }));
    return restartedDuringTheFirstWait(sock, restarted);
  }

  /**
   * A client of the plugin on {@code sock} whose first retry wait starts a plugin there again,
   * answering everything, added to {@code restarted}.
   */
  private PluginClient restartedDuringTheFirstWait(Path sock, List<RawPluginServer> restarted) {
    return fx.client(new PluginAddress.Unix(sock), retrying.withClock(
        RetryClock.of(clock::nanoTime, d -> {
          clock.sleep(d);
          if (restarted.isEmpty()) {
            try {
              restarted.add(fx.own(RawPluginServer.unix(sock,
                  Responder.always(Fixtures.ok("{}")))));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        })));
  }

  @Test
  void sendFileIsNotRetriedOnceItsBodyWasRead() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Reply.closeWithoutReply()));
    PluginClient c = fx.client(s, retrying);
    PluginCallException e = catchThrowableOfType(PluginCallException.class,
        () -> c.sendFile("X.Upload", new PatternStream(1000), 1000, Void.class,
            CallOptions.DEFAULT.withIdempotent(true)));
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
    assertThat(s.requests()).hasSize(1);
  }

  @Test
  void earlyAnswerToAnUploadIsReportedInsteadOfTheBrokenPipe() throws Exception {
    RawPluginServer s = fx.unix(Responder.always(Reply.json(500, "{\"Err\":\"disk full\"}")))
        .replyBeforeBody();
    PluginCallException e = catchThrowableOfType(PluginCallException.class,
        () -> fx.client(s).sendFile("GraphDriver.ApplyDiff", new PatternStream(64L << 20), -1,
            Void.class, CallOptions.DEFAULT));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_CALL_FAILED);
    assertThat(e.detail()).isEqualTo("disk full");
  }

  @Test
  void tcpConnectGivesUpAfterTheDialTimeout() {
    // 192.0.2.0/24 is TEST-NET-1: never routed; the connect either hangs (then the dial timeout
    // ends it) or fails at once, and both are failures to connect.
    PluginClient c = fx.client(new PluginAddress.Tcp("192.0.2.1", 9, null), ClientConfig.DEFAULT
        .withBackoff(Backoff.NONE).withDialTimeout(Duration.ofMillis(200)));
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> c.call("Plugin.Activate", null, Void.class));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_UNREACHABLE);
    assertThat(e.getMessage()).contains("tcp://192.0.2.1:9");
  }

  @Test
  void closingTheClientEndsACallWaitingToRetryWithItsFailure() {
    PluginClient[] self = new PluginClient[1];
    ClientConfig config = ClientConfig.DEFAULT.withClock(RetryClock.of(clock::nanoTime, d -> {
      clock.sleep(d);
      self[0].close();
    }));
    self[0] = fx.client(new PluginAddress.Unix(fx.dir.resolve("absent.sock")), config);
    HangarException e = catchThrowableOfType(HangarException.class,
        () -> self[0].call("Plugin.Activate", null, Void.class));
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_UNREACHABLE);
    assertThat(clock.sleeps()).hasSize(1);
  }

  static void awaitNoOpenConnections(RawPluginServer s) throws InterruptedException {
    long deadline = System.nanoTime() + ofSeconds(5).toNanos();
    while (s.openConnections() > 0) {
      assertThat(System.nanoTime()).as("connections still open").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
