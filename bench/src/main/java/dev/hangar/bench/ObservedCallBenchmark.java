package dev.hangar.bench;

import dev.hangar.DiscoveryDirs;
import dev.hangar.PluginHost;
import dev.hangar.metrics.HangarMetrics;
import dev.hangar.observe.HostObserver;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.sdk.PluginServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What metrics cost on the call path: {@code Bench.Echo} through a {@link PluginHost}'s client
 * (the path every host call takes) over a unix socket, with no observer and with
 * {@link HangarMetrics}; and the observation alone ({@code callStarted} + {@code callEnded} of
 * the metrics), which is what the metrics add to each call. {@code bench/metrics.sh} prints
 * the ratio.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ObservedCallBenchmark {
  /** {@code none}: no observer; {@code metrics}: {@link HangarMetrics}. */
  @Param({"none", "metrics"})
  public String observer;

  private final AtomicLong seq = new AtomicLong();
  private final HangarMetrics metrics = HangarMetrics.create();
  private Path dir;
  private PluginServer server;
  private PluginHost host;
  private PluginClient client;

  /** Starts a plugin in the host's socket dir and looks it up once. */
  @Setup(Level.Trial)
  public void start() throws IOException {
    dir = Files.createTempDirectory(Path.of("/tmp"), "hgobs");
    Path sockets = Files.createDirectories(dir.resolve("sockets"));
    server = PluginServer.builder().serve(Bench.class, request -> request)
        .unixSocket(sockets.resolve("bench.sock")).start();
    host = PluginHost.builder().dirs(new DiscoveryDirs(List.of(sockets), List.of()))
        .pluginDirs(List.of()).execDirs(List.of()).noInstalled()
        .observer(observer.equals("metrics") ? metrics : HostObserver.NONE).build();
    client = host.get("bench", "Bench").client();
    call();
  }

  /** Stops host and server. */
  @TearDown(Level.Trial)
  public void stop() throws IOException {
    host.close();
    server.close();
    Files.deleteIfExists(dir.resolve("sockets/bench.sock"));
    Files.deleteIfExists(dir.resolve("sockets"));
    Files.deleteIfExists(dir);
  }

  /** One call through the host, one caller. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public Echo call() {
    long n = seq.incrementAndGet();
    Echo reply = client.call("Bench.Echo", Echo.request(n), Echo.class);
    if (reply.seq() != n) {
      throw new IllegalStateException("echo of " + n + " came back as " + reply.seq());
    }
    return reply;
  }

  /** What the metrics do per call: the start and the end of one observed call. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Threads(1)
  public void observation() {
    metrics.callStarted("socket", "bench", "Bench.Echo");
    metrics.callEnded("socket", "bench", "Bench.Echo", "ok", 48_000);
  }
}
